package vn.customs.swg.simulator;

/**
 * The simulator cannot answer a message: a type no back-end answers, a body that is not the
 * document its type promises, or (a simulator bug) a reply that does not match its own schema.
 * Nothing is sent; the route logs it, so a simulator fault never reaches a partner looking like a
 * gateway fault.
 */
public class UnansweredMessageException extends RuntimeException {
  public UnansweredMessageException(String message) {
    super(message);
  }

  public UnansweredMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
