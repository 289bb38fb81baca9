package vn.customs.swg.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.swg.audit.BrokenLink.Reason;
import vn.customs.swg.testsupport.AuditTrail;

/**
 * The verifier finds each kind of tampering at the place it happened, and nothing on an honest
 * database: two nodes, each with several messages' events and a signed checkpoint mid-chain.
 */
class ChainVerifierTest {

  private static final String NODE_1 = "swg-node-1";
  private static final String NODE_2 = "swg-node-2";

  private final AuditTrail db = AuditTrail.inMemory();
  private long accepted;
  private long delivered;

  @BeforeEach
  void traffic() {
    accepted = db.accepted(NODE_1, "VCB0001");     // node 1, seq 1-3
    db.rejected(NODE_2, "BIDV0001");                // node 2, seq 1-2
    db.signer(NODE_1).checkpointNow().orElseThrow(); // node 1 signed at seq 3
    delivered = db.delivered(NODE_1, "TCHQ0001");   // node 1, seq 4-7
    db.accepted(NODE_2, "VCB0002");                 // node 2, seq 3-5
    db.deadLettered(NODE_1, "TCHQ0002");            // node 1, seq 8-11
  }

  @Test
  void anHonestDatabaseIsIntact() {
    AuditReport report = db.verifier().verify();

    assertThat(report.intact()).isTrue();
    assertThat(report.nodes()).extracting(NodeChain::node, NodeChain::firstSeq, NodeChain::lastSeq,
            NodeChain::entriesChecked, NodeChain::checkpointsVerified)
        .containsExactly(tuple(NODE_1, 1L, 11L, 11L, 1L), tuple(NODE_2, 1L, 5L, 5L, 0L));
  }

  @Test
  void anAlteredDetailIsReportedAtExactlyThatEvent() {
    Map<String, Object> target = db.event(NODE_1, 6);
    db.jdbc.update("update swg_message_event set detail = 'nothing happened' where id = ?", target.get("ID"));

    NodeChain node1 = chain(db.verifier().verify(), NODE_1);

    assertThat(node1.firstBreak()).extracting(BrokenLink::reason, BrokenLink::seq, BrokenLink::eventId,
            BrokenLink::messagePk, BrokenLink::message)
        .containsExactly(Reason.HASH_MISMATCH, 6L, target.get("ID"), delivered, "vcb/TCHQ0001");
    assertThat(node1.entriesChecked()).as("every earlier event checked out").isEqualTo(5);
    assertThat(chain(db.verifier().verify(), NODE_2).intact()).as("the other node's chain is its own").isTrue();
  }

  @Test
  void anAlteredStateIsReportedAtExactlyThatEvent() {
    long id = ((Number) db.event(NODE_1, 2).get("ID")).longValue();
    db.jdbc.update("update swg_message_event set state = 'REJECTED' where id = ?", id);

    assertThat(chain(db.verifier().verify(), NODE_1).firstBreak())
        .extracting(BrokenLink::reason, BrokenLink::seq, BrokenLink::eventId)
        .containsExactly(Reason.HASH_MISMATCH, 2L, id);
  }

  @Test
  void aDeletedEventInTheMiddleIsAGap() {
    long next = ((Number) db.event(NODE_2, 3).get("ID")).longValue();
    db.jdbc.update("delete from swg_message_event where node = ? and chain_seq = 2", NODE_2);

    BrokenLink broken = chain(db.verifier().verify(), NODE_2).firstBreak();

    assertThat(broken).extracting(BrokenLink::reason, BrokenLink::seq, BrokenLink::eventId)
        .containsExactly(Reason.GAP, 3L, next);
    assertThat(broken.explanation()).startsWith("seq 2 missing");
  }

  @Test
  void aDeletedTailIsCaughtByTheHeadRow() {
    db.jdbc.update("delete from swg_message_event where node = ? and chain_seq >= 10", NODE_1);

    BrokenLink broken = chain(db.verifier().verify(), NODE_1).firstBreak();

    assertThat(broken.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(broken.explanation()).contains("ends at seq 9 but its head is at seq 11");
  }

  @Test
  void aForgedCheckpointSignatureIsReported() {
    Checkpoint real = checkpoints(NODE_1).get(0);
    String forged = real.signature().charAt(0) == 'A' ? "B" + real.signature().substring(1)
        : "A" + real.signature().substring(1);
    db.jdbc.update("update swg_audit_checkpoint set signature = ? where id = ?", forged, real.id());

    BrokenLink broken = chain(db.verifier().verify(), NODE_1).firstBreak();

    assertThat(broken).extracting(BrokenLink::reason, BrokenLink::seq, BrokenLink::checkpointId)
        .containsExactly(Reason.BAD_CHECKPOINT_SIGNATURE, 3L, real.id());
  }

  @Test
  void aCheckpointByAnUntrustedKeyIsReported() {
    ChainVerifier trustingNobody = new ChainVerifier(db.dataSource, List.of(), db.clock);

    BrokenLink broken = chain(trustingNobody.verify(), NODE_1).firstBreak();

    assertThat(broken.reason()).isEqualTo(Reason.BAD_CHECKPOINT_SIGNATURE);
    assertThat(broken.explanation()).contains("not a trusted gateway certificate");
  }

  @Test
  void aChainRewrittenWithRecomputedHashesIsCaughtByTheCheckpoint() {
    // Someone who knows the format alters seq 2 and re-hashes everything after it, head included.
    db.jdbc.update("update swg_message_event set detail = 'rewritten' where node = ? and chain_seq = 2", NODE_1);
    String prev = (String) db.event(NODE_1, 1).get("ENTRY_HASH");
    for (long seq = 2; seq <= 11; seq++) {
      Map<String, Object> e = db.event(NODE_1, seq);
      OffsetDateTime at = db.jdbc.queryForObject("select occurred_at from swg_message_event where id = ?",
          OffsetDateTime.class, e.get("ID"));
      String hash = ChainFormat.entryHash(prev, NODE_1, seq, ((Number) e.get("MESSAGE_PK")).longValue(),
          (String) e.get("MESSAGE_DIGEST"), (String) e.get("STATE"), at, (String) e.get("DETAIL"));
      db.jdbc.update("update swg_message_event set prev_hash = ?, entry_hash = ? where id = ?", prev, hash, e.get("ID"));
      prev = hash;
    }
    db.jdbc.update("update swg_audit_head set entry_hash = ? where node = ?", prev, NODE_1);

    BrokenLink broken = chain(db.verifier().verify(), NODE_1).firstBreak();

    assertThat(broken).extracting(BrokenLink::reason, BrokenLink::seq)
        .containsExactly(Reason.CHECKPOINT_MISMATCH, 3L);
  }

  @Test
  void anAlteredMessageFieldIsReportedAtTheMessagesFirstEvent() {
    db.jdbc.update("update swg_message set sender_identity = '01202001' where id = ?", accepted);

    BrokenLink broken = chain(db.verifier().verify(), NODE_1).firstBreak();

    assertThat(broken).extracting(BrokenLink::reason, BrokenLink::seq, BrokenLink::messagePk)
        .containsExactly(Reason.MESSAGE_ALTERED, 1L, accepted);
  }

  @Test
  void alteredBytesAreReported() {
    db.jdbc.update("update swg_message set signed_bytes = ? where id = ?", "<forged/>".getBytes(), delivered);

    BrokenLink broken = chain(db.verifier().verify(), NODE_1).firstBreak();

    assertThat(broken).extracting(BrokenLink::reason, BrokenLink::seq, BrokenLink::messagePk)
        .containsExactly(Reason.BYTES_ALTERED, 4L, delivered);
    assertThat(broken.explanation()).contains("signed bytes");
  }

  @Test
  void forwardedBytesOfAnInboundMessageAreCoveredFromItsDispatch() {
    byte[] forged = "<forged/>".getBytes();
    db.jdbc.update("update swg_message set signed_bytes = ? where id = ?", forged, accepted);
    assertThat(chain(db.verifier().verify(), NODE_1).firstBreak())
        .extracting(BrokenLink::reason, BrokenLink::messagePk)
        .containsExactly(Reason.BYTES_ALTERED, accepted);

    // the forger also rewrites the digest column: the DISPATCHED event recorded the true one
    db.jdbc.update("update swg_message set signed_sha256 = ? where id = ?", ChainFormat.sha256(forged), accepted);
    assertThat(chain(db.verifier().verify(), NODE_1).firstBreak())
        .extracting(BrokenLink::reason, BrokenLink::seq, BrokenLink::messagePk)
        .containsExactly(Reason.MESSAGE_ALTERED, 1L, accepted);
  }

  @Test
  void bytesRemovedOutsideRetentionAreReported() {
    db.jdbc.update("update swg_message set original_bytes = null where id = ?", accepted);

    assertThat(chain(db.verifier().verify(), NODE_1).firstBreak())
        .extracting(BrokenLink::reason, BrokenLink::messagePk)
        .containsExactly(Reason.BYTES_MISSING, accepted);
  }

  @Test
  void anEventWrittenAroundTheAppenderIsReported() {
    db.jdbc.update("insert into swg_message_event (message_pk, state, occurred_at, node, detail)"
        + " values (?, 'DELIVERED', ?, ?, 'slipped in')", accepted, OffsetDateTime.now(db.clock), NODE_2);

    assertThat(chain(db.verifier().verify(), NODE_2).firstBreak())
        .extracting(BrokenLink::reason, BrokenLink::messagePk)
        .containsExactly(Reason.UNCHAINED, accepted);
  }

  @Test
  void aHeadSetBackIsReported() {
    db.jdbc.update("update swg_audit_head set chain_seq = 4, entry_hash = ? where node = ?",
        db.event(NODE_2, 4).get("ENTRY_HASH"), NODE_2);

    assertThat(chain(db.verifier().verify(), NODE_2).firstBreak().reason()).isEqualTo(Reason.HEAD_MISMATCH);
  }

  @Test
  void eventsOfBeforeTheChainAreCountedAsUnprotectedNotBroken() {
    AuditTrail upgraded = AuditTrail.inMemory();
    // As if written by the gateway before V5: no chain position, an id at or below the origin.
    long pk = upgraded.accepted(NODE_1, "VCB0009");
    upgraded.jdbc.update("update swg_message_event set chain_seq = null, prev_hash = null, entry_hash = null,"
        + " message_digest = null where message_pk = ?", pk);
    upgraded.jdbc.update("delete from swg_audit_head");
    upgraded.jdbc.update("update swg_audit_origin set last_unchained_event_id = (select max(id) from swg_message_event)");
    upgraded.clock.advance(Duration.ofMinutes(1));
    upgraded.accepted(NODE_1, "VCB0010");

    NodeChain chain = chain(upgraded.verifier().verify(), NODE_1);

    assertThat(chain.intact()).isTrue();
    assertThat(chain.unprotectedEvents()).isEqualTo(3);
    assertThat(chain.entriesChecked()).isEqualTo(3);
  }

  private List<Checkpoint> checkpoints(String node) {
    return db.jdbc.query("select " + Checkpoint.COLUMNS + " from swg_audit_checkpoint where node = ? order by chain_seq",
        Checkpoint.ROW, node);
  }

  static NodeChain chain(AuditReport report, String node) {
    return report.nodes().stream().filter(chain -> chain.node().equals(node)).findFirst().orElseThrow();
  }
}
