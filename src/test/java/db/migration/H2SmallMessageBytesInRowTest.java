package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.StoreFixture;
import vn.customs.swg.store.StoredMessage;

/**
 * The embedded H2 file database keeps ordinary messages in their rows and leaves only large ones to
 * its LOB storage, across restarts, and gives every message's bytes back exactly either way.
 */
class H2SmallMessageBytesInRowTest {

  @TempDir
  Path dataDir;

  @Test
  void aRestartedFileDatabaseStillKeepsOrdinaryMessagesInTheirRows() {
    String url = "jdbc:h2:file:" + dataDir.resolve("swg").toAbsolutePath();
    StoreFixture before = StoreFixture.file(url);
    MessageStore store = before.store("swg-node-1");
    String ordinary = envelope(12 * 1024);
    String large = envelope(300 * 1024);
    StoredMessage small = store.recordAccepted(StoreFixture.accepted("vcb", "VCB-ORDINARY", ordinary));
    StoredMessage big = store.recordAccepted(StoreFixture.accepted("vcb", "VCB-LARGE", large));
    store.keepForwarded(small.id(), bytes(ordinary));
    store.keepForwarded(big.id(), bytes(large));
    before.shutdown();

    StoreFixture after = StoreFixture.file(url);
    assertThat(after.jdbc.queryForObject(
            "select setting_value from information_schema.settings where setting_name = 'MAX_LENGTH_INPLACE_LOB'",
            Integer.class))
        .as("bytes up to this size stay in the row")
        .isEqualTo(V7_2__H2SmallMessageBytesInRow.IN_ROW_BYTES);
    MessageStore restarted = after.store("swg-node-1");
    assertThat(restarted.originalBytes(small.id())).hasValue(bytes(ordinary));
    assertThat(restarted.signedBytes(small.id())).hasValue(bytes(ordinary));
    assertThat(restarted.originalBytes(big.id())).hasValue(bytes(large));
    assertThat(restarted.signedBytes(big.id())).hasValue(bytes(large));
    after.shutdown();
  }

  @Test
  void anInMemoryDatabaseKeepsH2sOwnSettingOfEverythingInPlace() {
    Integer setting = StoreFixture.inMemory().jdbc.query(
        "select setting_value from information_schema.settings where setting_name = 'MAX_LENGTH_INPLACE_LOB'",
        rs -> rs.next() ? rs.getInt(1) : null);
    assertThat(setting).as("not lowered to the file database's threshold").isNull();
  }

  private static String envelope(int size) {
    StringBuilder xml = new StringBuilder("<swg:Envelope xmlns:swg=\"urn:swg\"><swg:Body>");
    while (xml.length() < size - 30) {
      xml.append("<Item>Thanh toán thuế 0123456789</Item>");
    }
    return xml.append("</swg:Body></swg:Envelope>").toString();
  }

  private static byte[] bytes(String xml) {
    return xml.getBytes(StandardCharsets.UTF_8);
  }
}
