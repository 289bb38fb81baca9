package vn.customs.swg.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Several gateway nodes on one database accept the same (partner, messageId) at once. */
class ConcurrentAcceptanceTest {

  @Test
  void exactlyOneNodeWinsAndTheOthersSeeItsEntry() throws Exception {
    StoreFixture db = StoreFixture.inMemory();
    int nodes = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    List<Future<Long>> results = new ArrayList<>();
    try {
      for (int i = 0; i < nodes; i++) {
        MessageStore store = db.store("swg-node-" + i);
        String xml = "<swg:Envelope>attempt " + i + "</swg:Envelope>";
        Callable<Long> accept = () -> {
          start.await();
          try {
            return store.recordAccepted(StoreFixture.accepted("vcb", "VCB0001", xml)).id();
          } catch (DuplicateMessageException e) {
            return -e.existing().messagePk();
          }
        };
        results.add(pool.submit(accept));
      }
      start.countDown();
      List<Long> outcomes = new ArrayList<>();
      for (Future<Long> result : results) {
        outcomes.add(result.get(30, TimeUnit.SECONDS));
      }

      List<Long> winners = outcomes.stream().filter(pk -> pk > 0).toList();
      assertThat(winners).hasSize(1);
      assertThat(outcomes).filteredOn(pk -> pk < 0)
          .hasSize(nodes - 1).containsOnly(-winners.get(0));
      assertThat(db.count("swg_message")).isEqualTo(1);
      assertThat(db.count("swg_message_event")).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }
}
