package vn.customs.swg.channel;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.StoredMessage;

/**
 * Tracking: {@code GET /api/v1/messages/{messageId}?sender=<partnerId>} tells where a message is:
 * its state, back-end queue and, for a rejection, the error codes. Only metadata, never bytes.
 */
@RestController
public class TrackingController {

  private final MessageStore store;
  private final Clock clock;

  public TrackingController(MessageStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The JSON answer of the tracking endpoint. */
  public record Tracking(String messageId, String sender, String messageType, String state,
      String destination, OffsetDateTime receivedAt, List<String> errorCodes) {}

  @GetMapping(path = "/api/v1/messages/{messageId}")
  public ResponseEntity<Tracking> track(@PathVariable String messageId, @RequestParam("sender") String sender) {
    return store.findLatest(sender, messageId)
        .map(this::tracking)
        .map(ResponseEntity::ok)
        .orElse(ResponseEntity.notFound().build());
  }

  private Tracking tracking(StoredMessage message) {
    // The store keeps UTC; partners read GMT+7 like every other time the gateway gives them.
    OffsetDateTime receivedAt = message.receivedAt().atZoneSameInstant(clock.getZone()).toOffsetDateTime();
    return new Tracking(message.messageId(), message.partnerId(), message.messageType(), message.state(),
        message.destination(), receivedAt, message.errorCodes());
  }
}
