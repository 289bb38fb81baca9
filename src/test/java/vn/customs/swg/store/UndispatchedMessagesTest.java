package vn.customs.swg.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.customs.swg.store.StoreFixture.accepted;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The store's side of the crash window between ACCEPTED and DISPATCHED: what a sweeper may take
 * over, that two nodes never take the same message at once, and that a release never overtakes a
 * node that has already kept the forwarded bytes.
 */
class UndispatchedMessagesTest {

  private static final byte[] FORWARDED = "<swg:Envelope>counter-signed</swg:Envelope>".getBytes(StandardCharsets.UTF_8);
  private static final Duration GRACE = Duration.ofSeconds(30);

  private final StoreFixture db = StoreFixture.inMemory();
  private final MessageStore node1 = db.store("swg-node-1");
  private final MessageStore node2 = db.store("swg-node-2");

  private OffsetDateTime cutoff() {
    return OffsetDateTime.now(db.clock).minus(GRACE);
  }

  @Test
  void anAcceptedMessageIsTakenOverOnlyAfterTheGracePeriodAndByOneNode() {
    StoredMessage stored = node1.recordAccepted(accepted("vcb", "VCB0001", "<a/>"));
    node1.keepForwarded(stored.id(), FORWARDED);

    assertThat(node2.claimUndispatched(cutoff(), 10)).as("its node may still be sending it").isEmpty();

    db.clock.advance(GRACE.plusSeconds(1));
    List<MessageStore.Undispatched> claimed = node2.claimUndispatched(cutoff(), 10);

    assertThat(claimed).singleElement().satisfies(found -> {
      assertThat(found.message().id()).isEqualTo(stored.id());
      assertThat(found.forwardedBytes()).isEqualTo(FORWARDED);
    });
    assertThat(node1.claimUndispatched(cutoff(), 10)).as("claimed by node 2").isEmpty();

    db.clock.advance(GRACE.plusSeconds(1));
    assertThat(node1.claimUndispatched(cutoff(), 10)).as("node 2 did not finish within the grace period")
        .extracting(found -> found.message().id()).containsExactly(stored.id());
  }

  @Test
  void dispatchedAndOutboundMessagesAreNeverTakenOver() {
    StoredMessage dispatched = node1.recordAccepted(accepted("vcb", "VCB0001", "<a/>"));
    node1.keepForwarded(dispatched.id(), FORWARDED);
    node1.markDispatched(dispatched.id());

    db.clock.advance(GRACE.multipliedBy(2));

    assertThat(node2.claimUndispatched(cutoff(), 10)).isEmpty();
  }

  @Test
  void markingDispatchedTwiceKeepsOneDispatchedEvent() {
    StoredMessage stored = node1.recordAccepted(accepted("vcb", "VCB0001", "<a/>"));
    node1.keepForwarded(stored.id(), FORWARDED);

    assertThat(node2.markDispatched(stored.id())).isTrue();
    assertThat(node1.markDispatched(stored.id())).as("the slow node after the sweeper").isFalse();

    assertThat(node1.events(stored.id())).extracting(MessageEvent::state)
        .containsExactly("RECEIVED", "ACCEPTED", "DISPATCHED");
    assertThat(node1.signedBytes(stored.id())).hasValue(FORWARDED);
  }

  @Test
  void aMessageNeverCounterSignedIsReleasedAndItsResendAccepted() {
    StoredMessage stored = node1.recordAccepted(accepted("vcb", "VCB0001", "<a/>"));

    assertThat(node2.releaseUnforwarded(stored.id(), "SWG-RTE-004", "node stopped")).isTrue();

    assertThat(node2.find(stored.id())).get().extracting(StoredMessage::state).isEqualTo("REJECTED");
    assertThat(node2.findDedupEntry("vcb", "VCB0001")).isEmpty();
    assertThat(node2.recordAccepted(accepted("vcb", "VCB0001", "<a/>")).state()).isEqualTo("ACCEPTED");
    assertThatThrownBy(() -> node1.keepForwarded(stored.id(), FORWARDED))
        .as("the slow node finds its message released and must not send it")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aMessageWhoseBytesAreKeptIsNeverReleased() {
    StoredMessage stored = node1.recordAccepted(accepted("vcb", "VCB0001", "<a/>"));
    node1.keepForwarded(stored.id(), FORWARDED);

    assertThat(node2.releaseUnforwarded(stored.id(), "SWG-RTE-004", "node stopped")).isFalse();

    assertThat(node2.find(stored.id())).get().extracting(StoredMessage::state).isEqualTo("ACCEPTED");
    assertThat(node2.findDedupEntry("vcb", "VCB0001")).isPresent();
  }
}
