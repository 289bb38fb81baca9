package vn.customs.swg.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.customs.swg.store.delivery.DeliveryStore;
import vn.customs.swg.testsupport.AuditTrail;
import vn.customs.swg.testsupport.MigratedDatabase;

/** The appender keeps one unforked, gapless chain per node, whatever runs at once or fails. */
class EventLogTest {

  @TempDir
  Path dataDir;

  @Test
  void concurrentAppendsOnTwoNodesGiveTwoIntactGaplessChains() throws Exception {
    AuditTrail db = AuditTrail.inMemory();
    int threads = 8;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    long started = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      // Threads alternate nodes, so both heads are created and extended by racing transactions.
      String node = "swg-node-" + (t % 2 + 1);
      int thread = t;
      done.add(pool.submit((Callable<Void>) () -> {
        for (int i = 0; i < perThread; i++) {
          db.accepted(node, "VCB" + thread + "-" + i);
        }
        return null;
      }));
    }
    for (Future<?> future : done) {
      future.get();
    }
    long elapsed = System.nanoTime() - started;
    pool.shutdown();
    int events = threads * perThread * 3;
    System.out.printf("audit chain: %d events in %d transactions on 2 nodes, %d threads: %.0f transactions/s (%s)%n",
        events, threads * perThread * 2, threads, threads * perThread * 2 / (elapsed / 1e9), db.url.split(":")[1]);

    AuditReport report = db.verifier().verify();

    assertThat(report.intact()).isTrue();
    assertThat(report.nodes()).allSatisfy(chain -> {
      assertThat(chain.entriesChecked()).isEqualTo(events / 2);
      assertThat(db.jdbc.queryForList("select chain_seq from swg_message_event where node = ? order by chain_seq",
          Long.class, chain.node())).containsExactlyElementsOf(LongStream.rangeClosed(1, events / 2).boxed().toList());
    });
  }

  @Test
  void aRolledBackTransactionLeavesNoGap() {
    AuditTrail db = AuditTrail.inMemory();
    long pk = db.accepted("swg-node-1", "VCB0001");
    EventLog log = new EventLog(db.jdbc, "swg-node-1");
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource));

    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      log.append(pk, "DISPATCHED", OffsetDateTime.now(db.clock), "to be undone");
      throw new IllegalStateException("the caller's work failed");
    })).hasMessage("the caller's work failed");
    tx.executeWithoutResult(status -> log.append(pk, "DISPATCHED", OffsetDateTime.now(db.clock), "kept"));

    assertThat(db.event("swg-node-1", 4).get("DETAIL")).isEqualTo("kept");
    assertThat(db.verifier().verify().intact()).isTrue();
  }

  @Test
  void appendingOutsideATransactionIsRefused() {
    AuditTrail db = AuditTrail.inMemory();
    long pk = db.accepted("swg-node-1", "VCB0001");

    assertThatThrownBy(() -> new EventLog(db.jdbc, "swg-node-1")
        .append(pk, "DISPATCHED", OffsetDateTime.now(db.clock), null))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("caller's transaction");
    assertThat(db.count("swg_message_event")).isEqualTo(3);
  }

  @Test
  void theChainContinuesAfterARestart() {
    String url = "jdbc:h2:file:" + dataDir.resolve("swg").toAbsolutePath();
    AuditTrail before = AuditTrail.at(url);
    before.accepted("swg-node-1", "VCB0001");
    before.signer("swg-node-1").checkpointNow().orElseThrow();
    MigratedDatabase.shutdown(before.dataSource);

    AuditTrail after = AuditTrail.at(url);
    long pk = after.delivered("swg-node-1", "TCHQ0001");

    assertThat(after.seqsOf("swg-node-1", pk)).containsExactly(4L, 5L, 6L, 7L);
    AuditReport report = after.verifier().verify();
    assertThat(report.intact()).isTrue();
    assertThat(report.nodes().get(0).checkpointsVerified()).isEqualTo(1);
    MigratedDatabase.shutdown(after.dataSource);
  }

  @Test
  void detailsAreStoredAsTheyWereHashed() {
    AuditTrail db = AuditTrail.inMemory();
    long pk = db.accepted("swg-node-1", "VCB0001");
    String awkward = "nul\0 lone\uD800 pair\uD83D\uDE00 " + "x".repeat(1990) + "\uD83D\uDE00";
    new TransactionTemplate(new DataSourceTransactionManager(db.dataSource)).executeWithoutResult(status ->
        new EventLog(db.jdbc, "swg-node-1").append(pk, "DISPATCHED", OffsetDateTime.now(db.clock), awkward));

    String stored = (String) db.event("swg-node-1", 4).get("DETAIL");

    assertThat(stored).startsWith("nul\uFFFD lone\uFFFD pair\uD83D\uDE00 ").hasSizeLessThanOrEqualTo(2000)
        .doesNotEndWith("\uD83D");
    assertThat(db.verifier().verify().intact()).isTrue();
  }

  @Test
  void anOperatorsReplayNamesTheOperatorInTheChain() {
    AuditTrail db = AuditTrail.inMemory();
    long pk = db.deadLettered("swg-node-1", "TCHQ0001");
    DeliveryStore deliveries = db.deliveries("swg-node-1");

    assertThat(deliveries.replay(deliveries.findByMessage(pk).orElseThrow().id(), "alice")).isTrue();

    List<Long> seqs = db.seqsOf("swg-node-1", pk);
    assertThat(db.event("swg-node-1", seqs.get(seqs.size() - 1)))
        .containsEntry("STATE", "DELIVERING").containsEntry("DETAIL", "replayed by alice");
    assertThat(db.verifier().verify().intact()).isTrue();
  }

  @Test
  void anActorCannotForgeASecondLineAndANodeIdMustFitItsColumn() {
    assertThat(EventLog.byActor("replayed", "bob\nINFO forged")).isEqualTo("replayed by bob INFO forged");
    assertThat(EventLog.byActor("replayed", null)).isEqualTo("replayed");
    assertThatThrownBy(() -> new EventLog(new JdbcTemplate(), "n".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
