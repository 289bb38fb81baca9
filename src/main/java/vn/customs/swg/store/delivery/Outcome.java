package vn.customs.swg.store.delivery;

import java.time.Instant;

/**
 * What a failed attempt led to. Only {@link Kind#FAILED_DELIVERY} asks the caller to put the
 * message on the dead-letter queue, and only the one call that moved the delivery there gets it.
 *
 * @param attempts the delivery's attempts counter after the call
 * @param nextAttemptAt when the retry is due; null unless {@link Kind#RETRY}
 */
public record Outcome(Kind kind, int attempts, Instant nextAttemptAt) {

  public enum Kind {
    /** The attempt was recorded and a retry is scheduled at {@code nextAttemptAt}. */
    RETRY,
    /** The attempt was the last one allowed (attempts or age): the delivery is FAILED_DELIVERY. */
    FAILED_DELIVERY,
    /**
     * The delivery was no longer DELIVERING (another node delivered it or gave up on it):
     * nothing was recorded.
     */
    NOT_DELIVERING
  }

  /** True when the caller must now dead-letter the message. */
  public boolean deadLettered() {
    return kind == Kind.FAILED_DELIVERY;
  }
}
