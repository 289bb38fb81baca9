package vn.customs.swg.store.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.swg.store.delivery.DeliveryStore.HTTP;
import static vn.customs.swg.store.delivery.DeliveryFixture.POLICY;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryStoreTest {

  private final DeliveryFixture db = DeliveryFixture.inMemory();
  private final DeliveryStore store = db.store("swg-node-1");
  private final Duration lease = Duration.ofMinutes(2);

  @Test
  void createdDeliveryIsDueAtOnceWithNoAttemptsAndMovesTheMessage() {
    long message = db.outboundMessage("vcb");
    long id = store.create(message, "vcb", HTTP, null);

    Delivery d = store.findByMessage(message).orElseThrow();
    assertThat(d.id()).isEqualTo(id);
    assertThat(d.state()).isEqualTo("DELIVERING");
    assertThat(d.attempts()).isZero();
    assertThat(d.nextAttemptAt()).isEqualTo(DeliveryFixture.START).isEqualTo(d.firstAttemptAt());
    assertThat(d.claimedBy()).isNull();
    assertThat(db.messageState(message)).isEqualTo("DELIVERING");
    assertThat(store.create(message, "vcb", HTTP, null))
        .as("a redelivered back-end message finds its delivery").isEqualTo(id);
    assertThat(db.count("swg_delivery")).isEqualTo(1);
  }

  @Test
  void refusesInboundMessagesAndUnknownChannels() {
    long message = db.outboundMessage("vcb");
    db.jdbc.update("update swg_message set direction = 'INBOUND' where id = ?", message);

    assertThatThrownBy(() -> store.create(message, "vcb", HTTP, null))
        .hasMessageContaining("only OUTBOUND");
    assertThatThrownBy(() -> store.create(message, "vcb", "SMTP", null))
        .hasMessageContaining("channel");
    assertThat(db.count("swg_delivery")).isZero();
  }

  @Test
  void failedAttemptsBackOffWithJitterAndReleaseTheClaim() {
    long id = store.create(db.outboundMessage("vcb"), "vcb", HTTP, null);
    store.claimDue(HTTP, 10, lease);
    Instant now = db.clock.instant();

    Outcome first = store.recordFailedAttempt(id, 503, "Service Unavailable", false, POLICY);

    assertThat(first.kind()).isEqualTo(Outcome.Kind.RETRY);
    assertThat(first.deadLettered()).isFalse();
    assertThat(first.attempts()).isEqualTo(1);
    assertThat(first.nextAttemptAt()).isBetween(now.plusSeconds(24), now.plusSeconds(36));
    Delivery d = store.find(id).orElseThrow();
    assertThat(d.nextAttemptAt()).isEqualTo(first.nextAttemptAt());
    assertThat(d.claimedBy()).isNull();
    assertThat(d.claimedUntil()).isNull();
    assertThat(d.lastError()).isEqualTo("HTTP 503 Service Unavailable");
    assertThat(store.claimDue(HTTP, 10, lease)).as("not due yet").isEmpty();

    db.clock.advance(Duration.between(now, first.nextAttemptAt()));
    assertThat(store.claimDue(HTTP, 10, lease)).extracting(Delivery::id).containsExactly(id);
    Instant later = db.clock.instant();
    Outcome second = store.recordFailedAttempt(id, null, "connect timed out", false, POLICY);
    assertThat(second.nextAttemptAt()).isBetween(later.plusSeconds(48), later.plusSeconds(72));

    assertThat(store.attempts(id))
        .extracting(DeliveryAttempt::attemptNo, DeliveryAttempt::outcome,
            DeliveryAttempt::httpStatus, DeliveryAttempt::node)
        .containsExactly(
            tuple(1, "RETRY", 503, "swg-node-1"),
            tuple(2, "RETRY", null, "swg-node-1"));
  }

  @Test
  void refusedReceiptIsKeptAsSuchInTheHistory() {
    long id = store.create(db.outboundMessage("vcb"), "vcb", HTTP, null);

    store.recordFailedAttempt(id, 200, "receipt signature invalid", true, POLICY);

    assertThat(store.attempts(id)).extracting(DeliveryAttempt::outcome)
        .containsExactly("REFUSED_RECEIPT");
    assertThat(store.find(id).orElseThrow().lastError())
        .isEqualTo("receipt refused: HTTP 200 receipt signature invalid");
  }

  @Test
  void givesUpAtMaxAttemptsAndDeadLettersOnce() {
    long message = db.outboundMessage("vcb");
    long id = store.create(message, "vcb", HTTP, null);

    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      outcomes.add(store.recordFailedAttempt(id, 500, "boom " + i, i == 4, POLICY));
      db.clock.advance(Duration.ofMinutes(11));
    }

    assertThat(outcomes).extracting(Outcome::deadLettered)
        .containsExactly(false, false, false, false, true);
    assertThat(outcomes.get(4).nextAttemptAt()).isNull();
    Delivery d = store.find(id).orElseThrow();
    assertThat(d.state()).isEqualTo("FAILED_DELIVERY");
    assertThat(d.attempts()).isEqualTo(5);
    assertThat(db.messageState(message)).isEqualTo("FAILED_DELIVERY");
    assertThat(store.attempts(id)).extracting(DeliveryAttempt::outcome)
        .containsExactly("RETRY", "RETRY", "RETRY", "RETRY", "FAILED");
    assertThat(store.attempts(id).get(4).detail()).isEqualTo("receipt refused: boom 4");
    assertThat(store.claimDue(HTTP, 10, lease)).isEmpty();

    Outcome late = store.recordFailedAttempt(id, 500, "late", false, POLICY);
    assertThat(late.kind()).isEqualTo(Outcome.Kind.NOT_DELIVERING);
    assertThat(late.deadLettered()).as("the caller must not dead-letter it twice").isFalse();
    assertThat(store.attempts(id)).hasSize(5);
  }

  @Test
  void givesUpWhenTheDeliveryIsOlderThanMaxAge() {
    RetryPolicy oneHour = new RetryPolicy(100, Duration.ofSeconds(30), Duration.ofMinutes(30),
        Duration.ofHours(1), 2.0);
    long id = store.create(db.outboundMessage("vcb"), "vcb", HTTP, null);

    db.clock.advance(Duration.ofMinutes(59));
    assertThat(store.recordFailedAttempt(id, 502, null, false, oneHour).kind())
        .isEqualTo(Outcome.Kind.RETRY);
    db.clock.advance(Duration.ofMinutes(2));
    Outcome outcome = store.recordFailedAttempt(id, 502, null, false, oneHour);

    assertThat(outcome.kind()).isEqualTo(Outcome.Kind.FAILED_DELIVERY);
    assertThat(outcome.attempts()).isEqualTo(2);
    assertThat(store.find(id).orElseThrow().state()).isEqualTo("FAILED_DELIVERY");
  }

  @Test
  void replayStartsAFreshRoundAndKeepsTheHistory() {
    long message = db.outboundMessage("vcb");
    long id = store.create(message, "vcb", HTTP, null);
    RetryPolicy once = attemptsOnly(1);
    store.recordFailedAttempt(id, 500, "down", false, once);
    db.clock.advance(Duration.ofDays(3));

    assertThat(store.replay(id)).isTrue();

    Delivery d = store.find(id).orElseThrow();
    assertThat(d.state()).isEqualTo("DELIVERING");
    assertThat(d.attempts()).isZero();
    assertThat(d.nextAttemptAt()).isEqualTo(db.clock.instant()).isEqualTo(d.firstAttemptAt());
    assertThat(db.messageState(message)).isEqualTo("DELIVERING");
    assertThat(store.deadLetters(0, 10)).isEmpty();
    assertThat(store.replay(id)).as("only a failed delivery can be replayed").isFalse();
    assertThat(store.claimDue(HTTP, 10, lease)).extracting(Delivery::id).containsExactly(id);
    // the age window restarted with the replay, so this is a retry, not an instant give-up
    RetryPolicy twice = attemptsOnly(2);
    assertThat(store.recordFailedAttempt(id, 500, "still down", false, twice).kind())
        .isEqualTo(Outcome.Kind.RETRY);
    assertThat(store.attempts(id)).extracting(DeliveryAttempt::attemptNo, DeliveryAttempt::outcome)
        .containsExactly(tuple(1, "FAILED"),
            tuple(1, "RETRY"));
  }

  @Test
  void deliveredTwiceRecordsOneDeliveredAttempt() {
    long message = db.outboundMessage("vcb");
    long id = store.create(message, "vcb", HTTP, null);
    store.claimDue(HTTP, 1, lease);
    store.recordDelivered(id, 200, "receipt ACCEPTED");
    Instant deliveredAt = db.clock.instant();
    db.clock.advance(Duration.ofSeconds(5));

    store.recordDelivered(id, 200, "receipt ACCEPTED");

    Delivery d = store.find(id).orElseThrow();
    assertThat(d.state()).isEqualTo("DELIVERED");
    assertThat(d.deliveredAt()).isEqualTo(deliveredAt);
    assertThat(d.attempts()).isEqualTo(1);
    assertThat(d.claimedBy()).isNull();
    assertThat(store.attempts(id)).extracting(DeliveryAttempt::outcome)
        .containsExactly("DELIVERED");
    assertThat(db.jdbc.queryForObject(
            "select count(*) from swg_message_event where message_pk = ? and state = 'DELIVERED'",
            Integer.class, message)).isEqualTo(1);
    assertThat(store.recordFailedAttempt(id, 500, "late", false, POLICY).kind())
        .isEqualTo(Outcome.Kind.NOT_DELIVERING);
    assertThatThrownBy(() -> store.recordDelivered(id + 1000, 200, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deadLettersAreListedNewestFirstWithTheirMessage() {
    RetryPolicy once = attemptsOnly(1);
    long[] ids = new long[3];
    for (int i = 0; i < 3; i++) {
      ids[i] = store.create(db.outboundMessage(i == 1 ? "bidv" : "vcb"), i == 1 ? "bidv" : "vcb",
          HTTP, null);
    }
    for (long id : new long[] {ids[1], ids[0], ids[2]}) {
      store.recordFailedAttempt(id, 404, "no such endpoint", false, once);
      db.clock.advance(Duration.ofMinutes(1));
    }
    long delivered = store.create(db.outboundMessage("vcb"), "vcb", HTTP, null);
    store.recordDelivered(delivered, 200, null);

    List<DeadLetter> page = store.deadLetters(0, 10);
    assertThat(page).extracting(DeadLetter::deliveryPk).containsExactly(ids[2], ids[0], ids[1]);
    DeadLetter bidv = page.get(2);
    assertThat(bidv.partnerId()).isEqualTo("bidv");
    assertThat(bidv.messageId()).isEqualTo("TCHQ000002");
    assertThat(bidv.messageType()).isEqualTo("TAX_PAYMENT_CONFIRMATION");
    assertThat(bidv.attempts()).isEqualTo(1);
    assertThat(bidv.lastError()).isEqualTo("HTTP 404 no such endpoint");
    assertThat(store.deadLetters(1, 1)).extracting(DeadLetter::deliveryPk).containsExactly(ids[0]);
  }

  /** Gives up after the attempts only: one second between them, an hour's window. */
  private static RetryPolicy attemptsOnly(int maxAttempts) {
    return new RetryPolicy(maxAttempts, Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofHours(1), 1);
  }
}
