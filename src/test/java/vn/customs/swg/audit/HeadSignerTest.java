package vn.customs.swg.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.customs.swg.testsupport.AuditTrail;

/** A node signs its own head when it moved, never a tail it cannot re-hash, and once more on stop. */
class HeadSignerTest {

  private static final String NODE = "swg-node-1";

  private final AuditTrail db = AuditTrail.inMemory();
  private final HeadSigner signer = db.signer(NODE);

  @Test
  void signsTheHeadOnlyWhenItMoved() {
    assertThat(signer.checkpointNow()).as("no chain yet").isEmpty();
    db.accepted(NODE, "VCB0001");

    Checkpoint first = signer.checkpointNow().orElseThrow();
    db.clock.advance(Duration.ofMinutes(5));

    assertThat(first.seq()).isEqualTo(3);
    assertThat(first.entryHash()).isEqualTo(db.event(NODE, 3).get("ENTRY_HASH"));
    assertThat(first.signatureProblem(Map.of(first.signerFingerprint(), db.keys.chain().get(0)))).isNull();
    assertThat(signer.checkpointNow()).as("head has not moved").isEmpty();

    db.rejected(NODE, "BIDV0001");
    assertThat(signer.checkpointNow()).get().extracting(Checkpoint::seq).isEqualTo(5L);
    assertThat(db.count("swg_audit_checkpoint")).isEqualTo(2);
    assertThat(db.signer("swg-node-2").checkpointNow()).as("another node signs only its own chain").isEmpty();
  }

  @Test
  void refusesToSignATailAlteredSinceTheLastCheckpoint() {
    db.accepted(NODE, "VCB0001");
    signer.checkpointNow().orElseThrow();
    db.accepted(NODE, "VCB0002");
    db.jdbc.update("update swg_message_event set detail = 'altered' where node = ? and chain_seq = 5", NODE);

    assertThat(signer.checkpointNow()).isEmpty();
    assertThat(db.count("swg_audit_checkpoint")).isEqualTo(1);
  }

  @Test
  void stoppingSignsTheLastEvents() {
    signer.start();
    db.accepted(NODE, "VCB0001");
    db.delivered(NODE, "TCHQ0001");

    signer.stop();

    assertThat(signer.isRunning()).isFalse();
    assertThat(db.jdbc.queryForObject("select max(chain_seq) from swg_audit_checkpoint where node = ?", Long.class, NODE))
        .isEqualTo(7L);
    assertThat(db.verifier().verify().nodes().get(0).checkpointsVerified()).isEqualTo(1);
  }
}
