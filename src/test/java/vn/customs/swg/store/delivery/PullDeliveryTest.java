package vn.customs.swg.store.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.swg.store.delivery.DeliveryStore.HTTP;
import static vn.customs.swg.store.delivery.DeliveryStore.PULL;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A partner on the PULL channel fetches its inbox and acknowledges what it took. */
class PullDeliveryTest {

  private final DeliveryFixture db = DeliveryFixture.inMemory();
  private final DeliveryStore store = db.store("swg-node-1");

  @Test
  void inboxHoldsOnlyThePartnersPullMessagesOldestFirst() {
    long first = db.outboundMessage("vcb");
    store.create(first, "vcb", PULL, null);
    db.clock.advance(Duration.ofSeconds(1));
    long second = db.outboundMessage("vcb");
    store.create(second, "vcb", PULL, null);
    store.create(db.outboundMessage("bidv"), "bidv", PULL, null);
    store.create(db.outboundMessage("vcb"), "vcb", HTTP, null);

    assertThat(store.pending("vcb", PULL, 10)).extracting(Delivery::messagePk)
        .containsExactly(first, second);
    assertThat(store.pending("vcb", PULL, 1)).extracting(Delivery::messagePk)
        .containsExactly(first);
  }

  @Test
  void onlyTheAddresseeCanAcknowledgeAndAgainIsHarmless() {
    long message = db.outboundMessage("vcb");
    long id = store.create(message, "vcb", PULL, null);

    assertThat(store.acknowledge("bidv", message)).isFalse();
    assertThat(store.find(id).orElseThrow().state()).isEqualTo("DELIVERING");

    assertThat(store.acknowledge("vcb", message)).isTrue();
    assertThat(store.acknowledge("vcb", message)).as("a resent acknowledgement").isTrue();
    assertThat(store.acknowledge("bidv", message)).isFalse();

    assertThat(store.find(id).orElseThrow().state()).isEqualTo("DELIVERED");
    assertThat(db.messageState(message)).isEqualTo("DELIVERED");
    assertThat(store.attempts(id)).extracting(DeliveryAttempt::outcome)
        .containsExactly("DELIVERED");
    assertThat(store.pending("vcb", PULL, 10)).isEmpty();
  }

  @Test
  void anHttpDeliveryCannotBeAcknowledgedOverPull() {
    long message = db.outboundMessage("vcb");
    long id = store.create(message, "vcb", HTTP, null);

    assertThat(store.acknowledge("vcb", message)).isFalse();
    assertThat(store.acknowledge("vcb", message + 999)).as("unknown message").isFalse();
    assertThat(store.find(id).orElseThrow().state()).isEqualTo("DELIVERING");
    assertThat(store.attempts(id)).isEmpty();
  }
}
