package vn.customs.swg.delivery;

import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.customs.swg.store.delivery.DeadLetter;
import vn.customs.swg.store.delivery.Delivery;
import vn.customs.swg.store.delivery.DeliveryStore;

/**
 * An operator's view of dead letters and the replay of one, for the console and the admin API:
 * which deliveries gave up, and who sent which one on its way again. A replay makes the delivery
 * DELIVERING, due now, with a fresh round of attempts (see {@link DeliveryStore#replay}); the
 * worker of its channel picks it up at its next poll. Every replay is logged with the operator's
 * user name.
 */
public class DeadLetterReplay {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);

  /** The most dead letters one list holds. */
  public static final int MAX_LIST = 500;

  /** What became of a replay request. */
  public enum Result {
    /** The delivery is DELIVERING again. */
    REPLAYED,
    /** The delivery exists but is not FAILED_DELIVERY (already replayed, delivering or delivered): unchanged. */
    NOT_DEAD,
    /** There is no such delivery. */
    UNKNOWN
  }

  /**
   * A replay request's answer.
   *
   * @param state the delivery's state after the request; null when there is no such delivery
   * @param by the operator who asked
   */
  public record Replay(long deliveryId, Result result, String state, String by) {}

  private final DeliveryStore deliveries;

  public DeadLetterReplay(DeliveryStore deliveries) {
    this.deliveries = deliveries;
  }

  /** Deliveries that gave up, most recently failed first; at most {@value #MAX_LIST} at a time. */
  public List<DeadLetter> deadLetters(int offset, int limit) {
    return deliveries.deadLetters(Math.max(0, offset), Math.min(Math.max(0, limit), MAX_LIST));
  }

  /**
   * Replays one dead letter on behalf of {@code operator} (the logged-in user name).
   *
   * @throws NullPointerException if no operator is named: a replay is always someone's
   */
  public Replay replay(long deliveryId, String operator) {
    Objects.requireNonNull(operator, "operator");
    boolean replayed = deliveries.replay(deliveryId);
    // TODO(audit): pass the operator to the event the store writes once the event appender takes an actor.
    String state = deliveries.find(deliveryId).map(Delivery::state).orElse(null);
    Result result = replayed ? Result.REPLAYED : state == null ? Result.UNKNOWN : Result.NOT_DEAD;
    log.info("dead letter: delivery #{} replay asked by operator {}: {}{}", deliveryId, operator, result,
        state == null ? "" : " (" + state + ")");
    return new Replay(deliveryId, result, state, operator);
  }
}
