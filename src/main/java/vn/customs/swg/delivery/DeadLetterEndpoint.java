package vn.customs.swg.delivery;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.lang.Nullable;
import vn.customs.swg.store.delivery.DeadLetter;
import vn.customs.swg.store.delivery.DeliveryAttempt;
import vn.customs.swg.store.delivery.DeliveryStore;

/**
 * The operator's view of outbound messages that gave up, {@code /actuator/deadletters} on the
 * loopback-bound management port: GET lists the latest {@value #LIST_LIMIT} FAILED_DELIVERY
 * deliveries, most recently failed first; GET {@code /actuator/deadletters/{deliveryId}} shows a
 * delivery's attempts, across replays, to decide on a replay; POST {@code {"deliveryId": n}}
 * replays one, {@code {"partner": id}} all of a partner's, {@code {}} all listed: each becomes
 * DELIVERING, due now, with a fresh round of attempts, and the worker of its channel picks it up
 * at its next poll. Each replay is logged with the operator who asked (the management port's
 * HTTP Basic login).
 */
@Endpoint(id = "deadletters")
public final class DeadLetterEndpoint {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterEndpoint.class);
  static final int LIST_LIMIT = 100;

  /**
   * What a replay request came to.
   *
   * @param replayed false when the delivery was not FAILED_DELIVERY (unknown, delivering, delivered)
   */
  public record ReplayResult(long deliveryId, boolean replayed) {}

  private final DeliveryStore deliveries;

  public DeadLetterEndpoint(DeliveryStore deliveries) {
    this.deliveries = deliveries;
  }

  @ReadOperation
  public List<DeadLetter> deadLetters() {
    return deliveries.deadLetters(0, LIST_LIMIT);
  }

  @ReadOperation
  public List<DeliveryAttempt> attempts(@Selector long deliveryId) {
    return deliveries.attempts(deliveryId);
  }

  public ReplayResult replay(long deliveryId) {
    return replay(deliveryId, "unnamed");
  }

  private ReplayResult replay(long deliveryId, String operator) {
    boolean replayed = deliveries.replay(deliveryId);
    log.info("operator replay of delivery #{} by {}: {}", deliveryId, operator,
        replayed ? "DELIVERING again" : "not replayed, it is not FAILED_DELIVERY");
    return new ReplayResult(deliveryId, replayed);
  }

  /**
   * POST {@code {"deliveryId": n}} replays one; POST {@code {"partner": "vcb"}} replays every dead
   * letter of that partner (after its endpoint is back); POST {@code {}} replays all listed ones.
   */
  public List<ReplayResult> replay(@Nullable Long deliveryId, @Nullable String partner) {
    return replay(deliveryId, partner, null);
  }

  /** The HTTP operation: as {@link #replay(Long, String)}, naming the logged-in operator in the log. */
  @WriteOperation
  public List<ReplayResult> replay(@Nullable Long deliveryId, @Nullable String partner, SecurityContext login) {
    String operator = login == null || login.getPrincipal() == null ? "unnamed" : login.getPrincipal().getName();
    if (deliveryId != null) {
      return List.of(replay(deliveryId.longValue(), operator));
    }
    return deliveries.deadLetters(0, LIST_LIMIT).stream()
        .filter(dead -> partner == null || partner.equals(dead.partnerId()))
        .map(dead -> replay(dead.deliveryPk(), operator))
        .toList();
  }
}
