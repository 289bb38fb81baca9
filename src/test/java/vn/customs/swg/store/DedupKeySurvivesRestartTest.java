package vn.customs.swg.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database (the default H2 file database, or the PostgreSQL server) keeps idempotency keys
 * across a gateway restart.
 */
class DedupKeySurvivesRestartTest {

  @TempDir
  Path dataDir;

  @Test
  void resendAfterRestartIsStillADuplicate() {
    String url = "jdbc:h2:file:" + dataDir.resolve("swg").toAbsolutePath();
    StoreFixture before = StoreFixture.file(url);
    StoredMessage first = before.store("swg-node-1")
        .recordAccepted(StoreFixture.accepted("vcb", "VCB0001", "<swg:Envelope/>"));
    before.shutdown();

    StoreFixture after = StoreFixture.file(url);
    MessageStore restarted = after.store("swg-node-1");

    assertThat(restarted.findDedupEntry("vcb", "VCB0001")).get()
        .extracting(DedupEntry::messagePk, DedupEntry::contentDigest)
        .containsExactly(first.id(), first.contentDigest());
    assertThatThrownBy(() -> restarted.recordAccepted(
            StoreFixture.accepted("vcb", "VCB0001", "<swg:Envelope/>")))
        .isInstanceOf(DuplicateMessageException.class);
    after.shutdown();
  }
}
