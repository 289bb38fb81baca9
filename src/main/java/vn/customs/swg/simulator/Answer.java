package vn.customs.swg.simulator;

/**
 * A back-end's decision, before it is put in an envelope.
 *
 * @param messageType the reply's catalogue type, e.g. TAX_PAYMENT_CONFIRMATION
 * @param documentReference the business reference for Subject/documentReference, may be null
 * @param status the decision in one word (MATCHED, CLEARED, REJECTED...), for the log
 * @param document the JAXB body document of the reply
 */
record Answer(String messageType, String documentReference, String status, Object document) {}
