package vn.customs.swg.monitoring;

import org.slf4j.MDC;

/**
 * The message a log line is about, in the SLF4J MDC: {@value #MESSAGE_ID} (the envelope's
 * messageId, once admission has read a schema-valid header) and {@value #PARTNER} (the partner the
 * transport authenticated, otherwise the registered partner the envelope claims to come from).
 * Both are set only from values the gateway has checked, so a hostile messageId cannot forge log
 * fields. Console lines show them (logging.pattern.correlation) and JSON lines carry them as
 * fields (logging.structured.format.console).
 *
 * <p>Camel's own MDC support (camel.main.use-mdc-logging) is left off on purpose: its unit of
 * work puts and restores only its camel.* keys, leaves other keys alone, and copies the whole MDC
 * per processor to carry custom keys across threads; the gateway's flows run on one thread, so
 * setting and clearing these two keys around the exchange ({@link FlowPolicy}) is all it takes.
 */
public final class MessageLogContext {

  public static final String MESSAGE_ID = "swgMessageId";
  public static final String PARTNER = "swgPartner";

  private MessageLogContext() {}

  /** Sets what is known; a null leaves that key as it is. */
  static void put(String messageId, String partnerId) {
    if (messageId != null && !messageId.equals(MDC.get(MESSAGE_ID))) {
      MDC.put(MESSAGE_ID, messageId);
    }
    if (partnerId != null && !partnerId.equals(MDC.get(PARTNER))) {
      MDC.put(PARTNER, partnerId);
    }
  }

  /** True once both keys are set: nothing more to learn for this exchange. */
  static boolean complete() {
    return MDC.get(MESSAGE_ID) != null && MDC.get(PARTNER) != null;
  }

  static void clear() {
    MDC.remove(MESSAGE_ID);
    MDC.remove(PARTNER);
  }

  /**
   * Sets both keys until the returned scope is closed, for work outside the Camel flows (the HTTP
   * push worker's attempts); closing removes them.
   */
  public static Scope open(String messageId, String partnerId) {
    clear();
    put(messageId, partnerId);
    return SCOPE;
  }

  private static final Scope SCOPE = new Scope();

  /** Ends an {@link #open} scope. */
  public static final class Scope implements AutoCloseable {
    private Scope() {}

    @Override
    public void close() {
      clear();
    }
  }
}
