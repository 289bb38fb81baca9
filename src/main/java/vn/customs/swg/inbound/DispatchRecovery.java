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
 *   <li>its forwarded envelope was kept: once the grace period is over, the one node that claims
 *       it sends it (again) from those bytes and marks it DISPATCHED. The send carries the
 *       message's duplicate-detection id, so if the first send did reach the queue the broker
 *       drops this one: on the queue exactly once either way; within the grace period (or
 *       claimed by another node) it is left to the node sending it;
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
    /**
     * Its forwarded envelope is kept and another node is sending it (or will: its claim or the
     * grace period is not over): it reaches its queue without this caller.
     */
    KEPT,
    /** It was never sent and gave up its key: a resend is a new submission. */
    RELEASED,
    /** Not yet kept, within the grace period: a node may be working on it, nothing done. */
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

  /**
   * For a resubmission of a message found ACCEPTED. It is sent only by a caller that claims it
   * past the grace period, as a sweep does: two sends of the same message at the same moment could
   * both pass the broker's duplicate check, which only catches a send that comes after another.
   */
  public Outcome settleResubmission(long messagePk) {
    StoredMessage message = store.find(messagePk).orElseThrow();
    if (MessageStore.DISPATCHED.equals(message.state())) {
      return Outcome.DISPATCHED;
    }
    byte[] forwarded = store.signedBytes(messagePk).orElse(null);
    OffsetDateTime cutoff = OffsetDateTime.now(clock).minus(grace);
    if (forwarded != null) {
      return store.claimForDispatch(messagePk, cutoff) ? send(message, forwarded) : Outcome.KEPT;
    }
    return releaseIfAbandoned(message, cutoff);
  }

  /**
   * For a message this caller claimed ({@link MessageStore#claimUndispatched}).
   *
   * @param forwardedBytes the kept forwarded envelope, or null if there is none
   * @throws RuntimeException if the broker or the store fails: nothing is lost, the message stays
   *     ACCEPTED for the next sweep
   */
  public Outcome recover(StoredMessage message, byte[] forwardedBytes) {
    if (MessageStore.DISPATCHED.equals(message.state())) {
      return Outcome.DISPATCHED;
    }
    if (forwardedBytes != null) {
      return send(message, forwardedBytes);
    }
    return releaseIfAbandoned(message, OffsetDateTime.now(clock).minus(grace));
  }

  private Outcome send(StoredMessage message, byte[] forwardedBytes) {
    producer.sendBodyAndHeaders("jms:queue:" + message.destination()
            + "?exchangePattern=InOnly&jmsMessageType=Text&deliveryPersistent=true",
        new String(forwardedBytes, StandardCharsets.UTF_8), BackendDispatch.headers(message));
    if (store.markDispatched(message.id())) {
      log.warn("message #{} ({} {}) was accepted but not recorded as dispatched: sent from the store",
          message.id(), message.partnerId(), message.messageId());
    }
    return Outcome.DISPATCHED;
  }

  private Outcome releaseIfAbandoned(StoredMessage message, OffsetDateTime cutoff) {
    if (message.receivedAt().isAfter(cutoff)) {
      return Outcome.IN_FLIGHT;
    }
    if (store.releaseUnforwarded(message.id(), ErrorCode.RTE_004.code(), "never kept for dispatch")) {
      log.warn("message #{} ({} {}) was accepted but never kept for dispatch (its node stopped or lost the"
          + " database): released for a resend", message.id(), message.partnerId(), message.messageId());
      return Outcome.RELEASED;
    }
    // Its node kept the bytes (or finished, or another node released it) between our two reads.
    StoredMessage now = store.find(message.id()).orElseThrow();
    if (MessageStore.ACCEPTED.equals(now.state())) {
      return Outcome.KEPT;
    }
    return MessageStore.DISPATCHED.equals(now.state()) ? Outcome.DISPATCHED : Outcome.RELEASED;
  }
}
