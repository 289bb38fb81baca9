package vn.customs.swg.store.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.swg.store.delivery.DeliveryStore.HTTP;
import static vn.customs.swg.store.delivery.DeliveryStore.JMS;
import static vn.customs.swg.store.delivery.DeliveryFixture.POLICY;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Several gateway nodes poll one database for due deliveries. */
class ConcurrentClaimTest {

  private final DeliveryFixture db = DeliveryFixture.inMemory();
  private final Duration lease = Duration.ofMinutes(2);

  @Test
  void twoNodesRacingNeverClaimTheSameDelivery() throws Exception {
    DeliveryStore a = db.store("swg-node-a");
    DeliveryStore b = db.store("swg-node-b");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    int contested = 0;
    try {
      for (int round = 0; round < 40; round++) {
        Set<Long> created = new HashSet<>();
        for (int i = 0; i < 12; i++) {
          created.add(a.create(db.outboundMessage("vcb"), "vcb", HTTP, null));
        }
        CyclicBarrier start = new CyclicBarrier(2);
        Future<List<Long>> byA = pool.submit(drain(a, start));
        Future<List<Long>> byB = pool.submit(drain(b, start));
        List<Long> claimedByA = byA.get(30, TimeUnit.SECONDS);
        List<Long> claimedByB = byB.get(30, TimeUnit.SECONDS);

        assertThat(claimedByA).doesNotHaveDuplicates();
        assertThat(claimedByB).doesNotHaveDuplicates();
        assertThat(claimedByA).filteredOn(claimedByB::contains).as("claimed by both").isEmpty();
        Set<Long> all = new HashSet<>(claimedByA);
        all.addAll(claimedByB);
        assertThat(all).isEqualTo(created);
        Map<Long, String> holders = db.jdbc.query("select id, claimed_by from swg_delivery",
                (rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
            .stream().filter(e -> created.contains(e.getKey()))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        claimedByA.forEach(id -> assertThat(holders.get(id)).isEqualTo("swg-node-a"));
        claimedByB.forEach(id -> assertThat(holders.get(id)).isEqualTo("swg-node-b"));
        if (!claimedByA.isEmpty() && !claimedByB.isEmpty()) {
          contested++;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(contested).as("rounds in which both nodes got work, so they really raced")
        .isPositive();
  }

  /** Claims small batches until nothing is left, as a node's poller does. */
  private static Callable<List<Long>> drain(DeliveryStore store, CyclicBarrier start) {
    return () -> {
      start.await();
      List<Long> claimed = new ArrayList<>();
      List<Delivery> batch;
      while (!(batch = store.claimDue(HTTP, 3, Duration.ofMinutes(2))).isEmpty()) {
        batch.forEach(d -> claimed.add(d.id()));
      }
      return claimed;
    };
  }

  @Test
  void claimOfADeadNodeIsTakenOverWhenItsLeaseRunsOut() {
    DeliveryStore died = db.store("swg-node-a");
    DeliveryStore survivor = db.store("swg-node-b");
    long id = died.create(db.outboundMessage("vcb"), "vcb", HTTP, null);
    assertThat(died.claimDue(HTTP, 10, lease)).hasSize(1);

    assertThat(survivor.claimDue(HTTP, 10, lease)).isEmpty();
    db.clock.advance(lease);
    assertThat(survivor.claimDue(HTTP, 10, lease)).as("lease not yet over").isEmpty();
    db.clock.advance(Duration.ofMillis(1));

    List<Delivery> taken = survivor.claimDue(HTTP, 10, lease);
    assertThat(taken).extracting(Delivery::id).containsExactly(id);
    assertThat(taken.get(0).claimedBy()).isEqualTo("swg-node-b");
    assertThat(taken.get(0).claimedUntil()).isEqualTo(db.clock.instant().plus(lease));
  }

  @Test
  void nodeThatLostItsLeaseDoesNotReleaseTheNewHoldersClaim() {
    DeliveryStore slow = db.store("swg-node-a");
    DeliveryStore other = db.store("swg-node-b");
    long id = slow.create(db.outboundMessage("vcb"), "vcb", HTTP, null);
    slow.claimDue(HTTP, 1, lease);
    db.clock.advance(lease.plusSeconds(1));
    other.claimDue(HTTP, 1, lease);

    slow.recordFailedAttempt(id, 504, "gateway timeout", false, POLICY);

    Delivery d = slow.find(id).orElseThrow();
    assertThat(d.attempts()).isEqualTo(1);
    assertThat(d.claimedBy()).isEqualTo("swg-node-b");
    other.recordDelivered(id, 200, null);
    assertThat(other.find(id).orElseThrow().state()).isEqualTo("DELIVERED");
  }

  @Test
  void claimsOnlyDueDeliveriesOfTheChannelOldestFirst() {
    DeliveryStore store = db.store("swg-node-a");
    long later = store.create(db.outboundMessage("vcb"), "vcb", HTTP,
        db.clock.instant().plusSeconds(60));
    long jms = store.create(db.outboundMessage("vcb"), "vcb", JMS, null);
    long second = store.create(db.outboundMessage("vcb"), "vcb", HTTP, null);
    long first = store.create(db.outboundMessage("vcb"), "vcb", HTTP,
        db.clock.instant().minusSeconds(5));

    assertThat(store.claimDue(HTTP, 10, lease)).extracting(Delivery::id)
        .containsExactly(first, second);
    assertThat(store.claimDue(JMS, 10, lease)).extracting(Delivery::id).containsExactly(jms);
    db.clock.advance(Duration.ofSeconds(60));
    assertThat(store.claimDue(HTTP, 10, lease)).extracting(Delivery::id).containsExactly(later);
  }
}
