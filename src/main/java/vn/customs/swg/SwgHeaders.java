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

  /** Exchange variable: the {@code InboundMessage} of the flow, whatever the body is at the time. */
  public static final String INBOUND_VARIABLE = "inbound";
  /** Exchange variable: the back-end queue named by the catalogue. */
  public static final String DESTINATION_VARIABLE = "destination";

  private SwgHeaders() {}
}
