package vn.customs.swg.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.StoredMessage;

/**
 * Decides what becomes of an accepted message that is not recorded as dispatched, whichever node
 * finds it (the {@link DispatchSweeper}, or {@link Deduplication} when its sender resends it):
 * <ul>
 *   <li>its forwarded envelope was kept: it is sent (again) from those bytes and marked DISPATCHED.
 *       The send carries the message's duplicate-detection id, so if the first send did reach the
 *       queue the broker drops this one: on the queue exactly once either way;
 *   <li>no forwarded envelope, older than the grace period: its node died (or lost the database)
 *       before keeping it, so it was never sent and its sender never got ACCEPTED. It is released
 *       (REJECTED, SWG-RTE-004, key freed) and the sender's resend is accepted afresh;
 *   <li>no forwarded envelope, younger than that: a node is working on it now; left alone.
 * </ul>
 */
@Component("dispatchRecovery")
public class DispatchRecovery {

  private static final Logger log = LoggerFactory.getLogger(DispatchRecovery.class);

  /** What became of the message. */
  public enum Outcome {
    /** It is on its queue and DISPATCHED (now or already). */
    DISPATCHED,
    /** It was never sent and gave up its key: a resend is a new submission. */
    RELEASED,
    /** Still being processed by a node within the grace period: nothing done. */
    IN_FLIGHT
  }

  private final ProducerTemplate producer;
  private final MessageStore store;
  private final Clock clock;
  private final Duration grace;

  public DispatchRecovery(ProducerTemplate producer, MessageStore store, Clock clock, GatewayProperties properties) {
    this.producer = producer;
    this.store = store;
    this.clock = clock;
    this.grace = properties.dispatch().grace();
  }

  /** For a message this caller found ACCEPTED; its forwarded bytes are looked up. */
  public Outcome recover(long messagePk) {
    StoredMessage message = store.find(messagePk).orElseThrow();
    return recover(message, store.signedBytes(messagePk).orElse(null));
  }

  /**
   * @param forwardedBytes the kept forwarded envelope, or null if there is none
   * @throws RuntimeException if the broker or the store fails: nothing is lost, the message stays
   *     ACCEPTED for the next sweep
   */
  public Outcome recover(StoredMessage message, byte[] forwardedBytes) {
    if (MessageStore.DISPATCHED.equals(message.state())) {
      return Outcome.DISPATCHED;
    }
    if (forwardedBytes != null) {
      producer.sendBodyAndHeaders("jms:queue:" + message.destination()
              + "?exchangePattern=InOnly&jmsMessageType=Text&deliveryPersistent=true",
          new String(forwardedBytes, StandardCharsets.UTF_8), BackendDispatch.headers(message));
      if (store.markDispatched(message.id(), forwardedBytes)) {
        log.warn("message #{} ({} {}) was accepted but not recorded as dispatched: sent from the store",
            message.id(), message.partnerId(), message.messageId());
      }
      return Outcome.DISPATCHED;
    }
    if (message.receivedAt().isAfter(OffsetDateTime.now(clock).minus(grace))) {
      return Outcome.IN_FLIGHT;
    }
    if (store.releaseUnforwarded(message.id(), ErrorCode.RTE_004.code(), "never kept for dispatch: its node stopped or lost the database")) {
      log.warn("message #{} ({} {}) was accepted but never kept for dispatch (its node stopped or lost the database): released for a resend",
          message.id(), message.partnerId(), message.messageId());
      return Outcome.RELEASED;
    }
    // Its node kept the bytes (or finished, or another node released it) between our two reads.
    StoredMessage now = store.find(message.id()).orElseThrow();
    byte[] kept = store.signedBytes(message.id()).orElse(null);
    if (MessageStore.ACCEPTED.equals(now.state()) && kept != null) {
      return recover(now, kept);
    }
    return MessageStore.DISPATCHED.equals(now.state()) ? Outcome.DISPATCHED : Outcome.RELEASED;
  }
}
