package vn.customs.swg.admission;

import java.time.OffsetDateTime;

/**
 * The envelope header fields the gateway decides on (ENVELOPE.md section 1), read once from the
 * admitted DOM. Values are the element texts with surrounding whitespace removed. Optional
 * fields are null when absent: {@code conversationId}, {@code refToMessageId}, {@code fromName},
 * {@code onBehalfOf}, {@code documentReference}.
 *
 * @param version the Envelope's version attribute
 * @param messageId the sender's idempotency key
 * @param sentAt when the sender says it sent the message, with its offset
 * @param fromPartyType MINISTRY, BANK, ASW_PARTNER, CUSTOMS or GATEWAY
 * @param onBehalfOf the identity in OnBehalfOf (usually a trader's tax code)
 * @param function SUBMIT, AMEND, CANCEL, NOTIFY, RESULT, QUERY or RECEIPT
 */
public record EnvelopeHeader(
    String version,
    String messageId,
    String conversationId,
    String refToMessageId,
    OffsetDateTime sentAt,
    String fromPartyType,
    String fromIdentity,
    String fromName,
    String toPartyType,
    String toIdentity,
    String onBehalfOf,
    String messageType,
    String function,
    String documentReference) {
}
