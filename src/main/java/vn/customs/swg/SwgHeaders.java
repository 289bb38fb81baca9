package vn.customs.swg;

/**
 * Names of the JMS properties the gateway sets on back-end messages (ENVELOPE.md section 7), and of
 * the exchange variables the inbound route passes between steps. JMS property names are camelCase
 * with the {@code swg} prefix: no '.' or '-', which the JMS component would rewrite.
 */
public final class SwgHeaders {
  public static final String MESSAGE_ID = "swgMessageId";
  public static final String MESSAGE_TYPE = "swgMessageType";
  public static final String FUNCTION = "swgFunction";
  public static final String SENDER_ID = "swgSenderId";
  public static final String SENDER_IDENTITY = "swgSenderIdentity";
  public static final String CONVERSATION_ID = "swgConversationId";
  public static final String REF_TO_MESSAGE_ID = "swgRefToMessageId";
  /**
   * Artemis' duplicate-detection property ({@code Message.HDR_DUPLICATE_DETECTION_ID}): a second
   * message with the same value on the same address is dropped by the broker while its id cache
   * holds the first. A valid JMS identifier, so the JMS component passes it through unchanged.
   */
  public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

  /** The duplicate-detection id of an inbound message: stable across resends, nodes and sweeps. */
  public static String inboundDuplicateId(String senderId, String messageId) {
    return "swg-in:" + senderId + ":" + messageId;
  }

  /** Exchange variable: the {@code InboundMessage} of the flow, whatever the body is at the time. */
  public static final String INBOUND_VARIABLE = "inbound";
  /** Exchange variable: the back-end queue named by the catalogue. */
  public static final String DESTINATION_VARIABLE = "destination";

  private SwgHeaders() {}
}
