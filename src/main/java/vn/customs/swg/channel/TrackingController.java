package vn.customs.swg.channel;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.StoredMessage;
import vn.customs.swg.store.delivery.DeliveryAttempt;
import vn.customs.swg.store.delivery.DeliveryStore;

/**
 * Tracking: {@code GET /api/v1/messages/{messageId}?sender=<partnerId>} tells where a message is:
 * its direction and state, its back-end queue or delivery destination, the error codes of a
 * rejection, and for a message to a partner every delivery attempt with its outcome. The partner
 * id is the sender of an inbound message and the receiver of an outbound one. Only metadata,
 * never bytes.
 */
@RestController
public class TrackingController {

  private final MessageStore store;
  private final DeliveryStore deliveries;
  private final Clock clock;

  public TrackingController(MessageStore store, DeliveryStore deliveries, Clock clock) {
    this.store = store;
    this.deliveries = deliveries;
    this.clock = clock;
  }

  /** The JSON answer of the tracking endpoint. */
  public record Tracking(String messageId, String sender, String direction, String messageType, String state,
      String destination, OffsetDateTime receivedAt, List<String> errorCodes, List<Attempt> deliveryAttempts) {}

  /** One delivery attempt of an outbound message. */
  public record Attempt(int attempt, OffsetDateTime at, String outcome, Integer httpStatus, String detail) {}

  @GetMapping(path = "/api/v1/messages/{messageId}")
  public ResponseEntity<Tracking> track(@PathVariable String messageId, @RequestParam("sender") String sender) {
    return store.findLatest(sender, messageId)
        .map(this::tracking)
        .map(ResponseEntity::ok)
        .orElse(ResponseEntity.notFound().build());
  }

  private Tracking tracking(StoredMessage message) {
    List<Attempt> attempts = deliveries.findByMessage(message.id())
        .map(delivery -> deliveries.attempts(delivery.id()).stream().map(this::attempt).toList())
        .orElse(List.of());
    return new Tracking(message.messageId(), message.partnerId(), message.direction(), message.messageType(),
        message.state(), message.destination(), local(message.receivedAt().toInstant()), message.errorCodes(), attempts);
  }

  private Attempt attempt(DeliveryAttempt attempt) {
    return new Attempt(attempt.attemptNo(), local(attempt.attemptedAt()), attempt.outcome(), attempt.httpStatus(),
        attempt.detail());
  }

  // The store keeps UTC; partners read GMT+7 like every other time the gateway gives them.
  private OffsetDateTime local(Instant instant) {
    return instant.atZone(clock.getZone()).toOffsetDateTime();
  }
}
