package vn.customs.swg.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import vn.customs.swg.audit.AuditReport;
import vn.customs.swg.audit.Checkpoint;
import vn.customs.swg.audit.EventLog;
import vn.customs.swg.audit.NodeChain;
import vn.customs.swg.testsupport.AuditTrail;

/**
 * Retention purges bytes, then chain prefixes and the records they held, only of finished
 * messages, and the audit log verifies intact after each step.
 */
class RetentionPurgeTest {

  private static final String NODE_1 = "swg-node-1";
  private static final String NODE_2 = "swg-node-2";
  private static final Duration BYTES_AFTER = Duration.ofDays(400);
  private static final Duration METADATA_AFTER = Duration.ofDays(800);

  private final AuditTrail db = AuditTrail.inMemory();

  private RetentionPurge purge(String node, int batchSize) {
    return new RetentionPurge(db.jdbc, new DataSourceTransactionManager(db.dataSource), db.clock, node,
        new RetentionPurge.Settings(true, BYTES_AFTER, METADATA_AFTER, Duration.ofHours(1), batchSize));
  }

  @Test
  void bytesOfFinishedMessagesGoAfterBytesAfterAndTheirDigestsStay() {
    long accepted = db.accepted(NODE_1, "VCB0001");
    long rejected = db.rejected(NODE_1, "BIDV0001");
    long delivered = db.delivered(NODE_2, "TCHQ0001");
    long inFlight = db.acceptedNotDispatched(NODE_1, "VCB0002");
    long delivering = db.outbound(NODE_1, "TCHQ0002", "JMS");
    long deadLetter = db.deadLettered(NODE_2, "TCHQ0003");
    db.clock.advance(BYTES_AFTER.plusDays(1));
    long young = db.accepted(NODE_1, "VCB0003");

    RetentionPurge.Outcome outcome = purge(NODE_1, 2).purgeNow();

    assertThat(outcome).isEqualTo(new RetentionPurge.Outcome(3, 0, 0));
    for (long purged : List.of(accepted, rejected, delivered)) {
      assertThat(db.jdbc.queryForMap("select original_bytes, signed_bytes, original_sha256 from swg_message where id = ?",
          purged)).containsEntry("ORIGINAL_BYTES", null).containsEntry("SIGNED_BYTES", null)
          .extractingByKey("ORIGINAL_SHA256").isNotNull();
    }
    for (long kept : List.of(inFlight, delivering, deadLetter, young)) {
      assertThat(db.jdbc.queryForObject("select original_bytes from swg_message where id = ?", byte[].class, kept))
          .as("message #%d keeps its bytes", kept).isNotNull();
    }
    assertThat(db.jdbc.queryForList("select detail from swg_message_event where state = ? and message_pk is null"
        + " order by chain_seq", String.class, EventLog.BYTES_PURGED))
        .as("one event per batch of two, naming the cutoff and the count")
        .containsExactly(
            "finished messages received before 2026-11-23T16:41:07.412000Z: bytes of 2 purged"
                + " (gateway.retention.bytes-after P400D)",
            "finished messages received before 2026-11-23T16:41:07.412000Z: bytes of 1 purged"
                + " (gateway.retention.bytes-after P400D)");
    assertThat(db.verifier().verify().intact()).isTrue();
    assertThat(purge(NODE_2, 2).purgeNow()).as("another node finds nothing left")
        .isEqualTo(new RetentionPurge.Outcome(0, 0, 0));
  }

  @Test
  void twoNodesPurgingAtOncePurgeEachMessageOnce() throws Exception {
    IntStream.range(0, 40).forEach(i -> db.accepted(i % 2 == 0 ? NODE_1 : NODE_2, "VCB" + i));
    db.clock.advance(BYTES_AFTER.plusDays(1));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<RetentionPurge.Outcome>> runs = new ArrayList<>();
    for (String node : List.of(NODE_1, NODE_2)) {
      RetentionPurge purge = purge(node, 5);
      runs.add(pool.submit(purge::purgeNow));
    }
    int purged = 0;
    for (Future<RetentionPurge.Outcome> run : runs) {
      purged += run.get().bytesPurged();
    }
    pool.shutdown();

    assertThat(purged).isEqualTo(40);
    assertThat(db.jdbc.queryForList("select detail from swg_message_event where state = ?", String.class,
        EventLog.BYTES_PURGED).stream()
        .mapToInt(detail -> Integer.parseInt(detail.replaceAll(".*bytes of (\\d+) purged.*", "$1"))).sum())
        .as("the events count each purged message once").isEqualTo(40);
    assertThat(db.verifier().verify().intact()).isTrue();
  }

  @Test
  void recordsGoWithTheChainPrefixOnlyAfterASignedCheckpointAndNeverWhileInFlight() {
    long accepted = db.accepted(NODE_1, "VCB0001");
    long rejected = db.rejected(NODE_1, "BIDV0001");
    long delivered = db.delivered(NODE_1, "TCHQ0001");
    Checkpoint cut = db.signer(NODE_1).checkpointNow().orElseThrow();
    long inFlight = db.acceptedNotDispatched(NODE_1, "VCB0002");
    long deadLetter = db.deadLettered(NODE_1, "TCHQ0002");
    long laterFinished = db.accepted(NODE_1, "VCB0003");
    db.signer(NODE_1).checkpointNow().orElseThrow();
    long otherNode = db.accepted(NODE_2, "VCB0004"); // node 2 has no checkpoint: its chain stays whole
    db.clock.advance(METADATA_AFTER.plusDays(1));
    int eventsBefore = db.count("swg_message_event");

    RetentionPurge.Outcome outcome = purge(NODE_1, 2).purgeNow();

    assertThat(outcome.messagesDeleted()).isEqualTo(3);
    assertThat(outcome.eventsDeleted()).as("node 1's events up to the first checkpoint").isEqualTo(cut.seq());
    assertThat(db.count("swg_message_event")).isEqualTo(eventsBefore - cut.seq() + 3);
    assertThat(ids()).doesNotContain(accepted, rejected, delivered)
        .contains(inFlight, deadLetter, laterFinished, otherNode);
    assertThat(db.jdbc.queryForObject("select count(*) from swg_dedup_key where message_pk = ?", Integer.class,
        accepted)).isZero();
    assertThat(db.jdbc.queryForObject("select count(*) from swg_revocation_evidence where message_pk = ?",
        Integer.class, accepted)).isZero();
    assertThat(db.jdbc.queryForObject("select count(*) from swg_delivery where message_pk = ?", Integer.class,
        delivered)).isZero();
    assertThat(db.count("swg_delivery_attempt")).as("the dead letter's attempt stays").isEqualTo(1);
    assertThat(db.jdbc.queryForObject("select count(*) from swg_audit_checkpoint where node = ? and chain_seq = ?",
        Integer.class, NODE_1, cut.seq())).as("the checkpoint the chain now starts after").isEqualTo(1);

    AuditReport report = db.verifier().verify();
    assertThat(report.intact()).isTrue();
    NodeChain node1 = report.nodes().get(0);
    assertThat(node1.firstSeq()).isEqualTo(cut.seq() + 1);
    assertThat(node1.anchoredAt()).isEqualTo(cut.signedAt());

    db.accepted(NODE_1, "VCB0005");
    assertThat(db.verifier().verify().intact()).as("the chain goes on after the purge").isTrue();
  }

  @Test
  void purgingEverythingLeavesAChainThatStartsAndEndsAtItsCheckpoint() {
    db.accepted(NODE_1, "VCB0001");
    db.signer(NODE_1).checkpointNow().orElseThrow();
    db.clock.advance(METADATA_AFTER.plusDays(1));

    RetentionPurge.Outcome outcome = purge(NODE_1, 10).purgeNow();

    assertThat(outcome).isEqualTo(new RetentionPurge.Outcome(1, 3, 1));
    assertThat(db.count("swg_message")).isZero();
    AuditReport report = db.verifier().verify();
    assertThat(report.intact()).isTrue();
    // The BYTES_PURGED event of this run is now the chain's only event.
    assertThat(report.nodes().get(0).firstSeq()).isEqualTo(4L);
  }

  private List<Long> ids() {
    return db.jdbc.queryForList("select id from swg_message", Long.class);
  }
}
