package vn.customs.swg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.swg.testsupport.AuditTrail;

/**
 * {@code verify-log} on a database with several messages' events on two nodes: intact, exactly
 * the one altered event, and usage errors that say what to fix without printing the password.
 */
class VerifyLogCommandTest {

  private static final String CERT = AuditTrail.GATEWAY_CERTIFICATE.toString();

  private final AuditTrail db = AuditTrail.inMemory();

  @TempDir
  Path dir;

  @BeforeEach
  void traffic() {
    db.accepted("swg-node-1", "VCB0001");
    db.rejected("swg-node-2", "BIDV0001");
    db.delivered("swg-node-1", "TCHQ0001");
    db.signer("swg-node-1").checkpointNow().orElseThrow();
    db.accepted("swg-node-2", "VCB0002");
    db.deadLettered("swg-node-1", "TCHQ0002");
  }

  @Test
  void anIntactLogExitsZero() {
    CliRun run = CliRun.run("verify-log", "--jdbc-url", db.url, "--user", db.user, "--gateway-certificate", CERT);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(CliRun.lines(run.out())).containsExactly(
        "audit log at " + db.url.split("[;?]")[0],
        "node swg-node-1: 11 entries checked (seq 1-11), 1 checkpoint(s) verified: intact",
        "node swg-node-2: 5 entries checked (seq 1-5), 0 checkpoint(s) verified: intact",
        "verify-log: intact, 2 node(s), 16 entries checked");
  }

  @Test
  void oneAlteredEventIsReportedExactlyAndNothingBeforeIt() {
    long messagePk = db.jdbc.queryForObject("select id from swg_message where message_id = 'TCHQ0001'", Long.class);
    long eventId = db.jdbc.queryForObject(
        "select id from swg_message_event where node = 'swg-node-1' and chain_seq = 5", Long.class);
    db.jdbc.update("update swg_message_event set detail = 'HTTP 200 delivered' where id = ?", eventId);

    CliRun run = CliRun.run("verify-log", "--jdbc-url", db.url, "--user", db.user, "--gateway-certificate", CERT);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(CliRun.lines(run.out())).contains(
        "node swg-node-1: 4 entries checked (seq 1-4), 0 checkpoint(s) verified: BROKEN HASH_MISMATCH at seq 5,"
            + " event #" + eventId + ", message #" + messagePk + " (vcb/TCHQ0001): its fields no longer hash to its"
            + " entry hash: the event was altered",
        "node swg-node-2: 5 entries checked (seq 1-5), 0 checkpoint(s) verified: intact",
        "verify-log: BROKEN on 1 of 2 node(s), 9 entries checked");
  }

  @Test
  void usageErrorsExitTwoAndNeverPrintThePassword() {
    CliRun noCertificate = CliRun.run("verify-log", "--jdbc-url", db.url);
    assertThat(noCertificate.exitCode()).isEqualTo(2);
    assertThat(noCertificate.err()).contains("--gateway-certificate");

    CliRun notADatabase = CliRun.run("verify-log", "--jdbc-url", "jdbc:oracle:thin:@db", "--gateway-certificate", CERT);
    assertThat(notADatabase.exitCode()).isEqualTo(2);
    assertThat(notADatabase.err()).contains("--jdbc-url must be a jdbc:postgresql: or jdbc:h2: URL");

    String missing = "jdbc:h2:file:" + dir.resolve("none").toAbsolutePath();
    CliRun noSuchFile = CliRun.run("verify-log", "--jdbc-url", missing, "--gateway-certificate", CERT);
    assertThat(noSuchFile.exitCode()).isEqualTo(2);
    assertThat(noSuchFile.err()).startsWith("error: cannot read the audit log at " + missing);
    assertThat(dir.resolve("none.mv.db")).as("no empty database left behind").doesNotExist();

    CliRun wrongPassword = CliRun.run("verify-log", "--jdbc-url", db.url, "--user", "sa",
        "--password", "s3cret-Pa55", "--gateway-certificate", CERT);
    assertThat(wrongPassword.exitCode()).isEqualTo(2);
    assertThat(wrongPassword.out() + wrongPassword.err()).doesNotContain("s3cret-Pa55");
  }
}
