package vn.customs.swg.channel;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.customs.swg.monitoring.OutcomeCounters;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.StoredMessage;
import vn.customs.swg.store.delivery.Delivery;
import vn.customs.swg.store.delivery.DeliveryStore;
import vn.customs.swg.trust.material.PartnerDirectory;

/**
 * The pull inbox of partners on channel PULL (ARCHITECTURE.md, outbound): {@code GET
 * /api/v1/inbox} lists the authenticated partner's pending envelopes as the gateway signed them,
 * oldest first; {@code POST /api/v1/inbox/{messageId}/ack} marks one delivered. What is not
 * acknowledged is offered again on the next GET, so a partner that crashes between fetching and
 * storing loses nothing; it deduplicates by messageId.
 *
 * <p>The list is JSON with each envelope base64-encoded: the signed bytes reach the partner exactly
 * as signed and stored (evidence, and no re-serialisation that could disturb the signature or
 * smuggle a second document into an XML wrapper), while the messageId and type can be read
 * without an XML parser. A page holds at most {@code limit} envelopes (default 10, at most 100)
 * and stops early once it holds {@link #DEFAULT_PAGE_BYTES} of envelopes (always at least one),
 * so a page stays bounded however large the messages.
 *
 * <p>Authentication is a bearer token per partner ({@link PullTokenAuthenticator}) until TLS client
 * certificates arrive; every refusal is the same bare 401, whatever the token and whether any
 * partner exists, and it comes before any parameter is looked at.
 */
@RestController
public class InboxController {

  private static final Logger log = LoggerFactory.getLogger(InboxController.class);

  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 100;
  /** Envelope bytes per page before base64: 8 MB, four 2 MB envelopes. */
  static final long DEFAULT_PAGE_BYTES = 8L * 1024 * 1024;

  // ENVELOPE.md section 1; anything else cannot be a messageId the gateway stored.
  private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private final PullTokenAuthenticator authenticator;
  private final DeliveryStore deliveries;
  private final MessageStore messages;
  private final long pageBytes;
  private final OutcomeCounters counters;

  @org.springframework.beans.factory.annotation.Autowired
  public InboxController(PartnerDirectory partners, DeliveryStore deliveries, MessageStore messages,
      OutcomeCounters counters) {
    this(partners, deliveries, messages, counters, DEFAULT_PAGE_BYTES);
  }

  InboxController(PartnerDirectory partners, DeliveryStore deliveries, MessageStore messages, OutcomeCounters counters,
      long pageBytes) {
    this.authenticator = new PullTokenAuthenticator(partners);
    this.deliveries = deliveries;
    this.messages = messages;
    this.counters = counters;
    this.pageBytes = pageBytes;
  }

  /** The JSON answer of {@code GET /api/v1/inbox}. */
  public record Inbox(List<InboxMessage> messages) {}

  /** One pending message: its envelope is the base64 of the bytes the gateway signed. */
  public record InboxMessage(String messageId, String messageType, String envelope) {}

  @GetMapping(path = "/api/v1/inbox", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Inbox> inbox(
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestParam(name = "limit", required = false) String limit) {
    Optional<Partner> partner = authenticator.authenticate(authorization);
    if (partner.isEmpty()) {
      return unauthorized();
    }
    Integer size = pageSize(limit);
    if (size == null) {
      return ResponseEntity.badRequest().build();
    }
    String partnerId = partner.get().id();
    List<InboxMessage> page = new ArrayList<>();
    long bytes = 0;
    for (Delivery delivery : deliveries.pending(partnerId, DeliveryStore.PULL, size)) {
      Optional<StoredMessage> message = messages.find(delivery.messagePk());
      Optional<byte[]> signed = messages.signedBytes(delivery.messagePk());
      if (message.isEmpty() || signed.isEmpty()) {
        // The outbound flow stores the signed bytes before it creates the delivery: a bug, not a
        // partner's problem. Skipping keeps the rest of the inbox readable.
        log.error("pull delivery #{} of {} has no signed envelope (message #{}); not offered",
            delivery.id(), partnerId, delivery.messagePk());
        continue;
      }
      if (!page.isEmpty() && bytes + signed.get().length > pageBytes) {
        break;
      }
      bytes += signed.get().length;
      page.add(new InboxMessage(message.get().messageId(), message.get().messageType(),
          Base64.getEncoder().encodeToString(signed.get())));
    }
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Inbox(page));
  }

  @PostMapping(path = "/api/v1/inbox/{messageId}/ack")
  public ResponseEntity<Void> acknowledge(
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @PathVariable("messageId") String messageId) {
    Optional<Partner> partner = authenticator.authenticate(authorization);
    if (partner.isEmpty()) {
      return unauthorized();
    }
    String partnerId = partner.get().id();
    boolean acknowledged = MESSAGE_ID.matcher(messageId).matches()
        && messages.findOutbound(partnerId, messageId)
            .map(message -> acknowledge(partnerId, message))
            .orElse(false);
    return acknowledged ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
  }

  private boolean acknowledge(String partnerId, StoredMessage message) {
    boolean acknowledged = deliveries.acknowledge(partnerId, message.id());
    // A repeated acknowledgement (the partner lost our answer) is answered again, counted once.
    if (acknowledged && !DeliveryStore.DELIVERED.equals(message.state())) {
      counters.delivered(partnerId, message.messageType(), DeliveryStore.PULL);
    }
    return acknowledged;
  }

  /** The page size asked for, capped at {@link #MAX_LIMIT}; null when it is not a positive number. */
  private static Integer pageSize(String limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int asked = Integer.parseInt(limit.trim());
      return asked < 1 ? null : Math.min(asked, MAX_LIMIT);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static <T> ResponseEntity<T> unauthorized() {
    // RFC 6750: no error attribute when no credentials could be checked; nothing names a partner.
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"swg-inbox\"")
        .build();
  }
}
