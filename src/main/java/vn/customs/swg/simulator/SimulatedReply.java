package vn.customs.swg.simulator;

import vn.customs.swg.admission.EnvelopeHeader;

/**
 * A reply ready for {@code swg.outbound}: the envelope text and its header as read back from that
 * text (so the JMS properties say exactly what the envelope says).
 *
 * @param header the reply's header fields
 * @param status the decision in one word, for the log
 * @param xml the unsigned reply envelope, UTF-8 text
 */
public record SimulatedReply(EnvelopeHeader header, String status, String xml) {}
