package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import vn.customs.swg.audit.ChainFormat;
import vn.customs.swg.store.InboundRecord;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.StoredMessage;
import vn.customs.swg.testsupport.MigratedDatabase;

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
    DataSource before = MigratedDatabase.at(url);
    MessageStore store = store(before);
    byte[] ordinary = envelope(12 * 1024);
    byte[] large = envelope(300 * 1024);
    StoredMessage small = store.recordAccepted(accepted("VCB-ORDINARY", ordinary));
    StoredMessage big = store.recordAccepted(accepted("VCB-LARGE", large));
    store.keepForwarded(small.id(), ordinary);
    store.keepForwarded(big.id(), large);
    MigratedDatabase.shutdown(before);

    DataSource after = MigratedDatabase.at(url);
    assertThat(new JdbcTemplate(after).queryForObject(
            "select setting_value from information_schema.settings where setting_name = 'MAX_LENGTH_INPLACE_LOB'",
            Integer.class))
        .as("bytes up to this size stay in the row")
        .isEqualTo(V7_2__H2SmallMessageBytesInRow.IN_ROW_BYTES);
    MessageStore restarted = store(after);
    assertThat(restarted.originalBytes(small.id())).hasValue(ordinary);
    assertThat(restarted.signedBytes(small.id())).hasValue(ordinary);
    assertThat(restarted.originalBytes(big.id())).hasValue(large);
    assertThat(restarted.signedBytes(big.id())).hasValue(large);
    MigratedDatabase.shutdown(after);
  }

  @Test
  void anInMemoryDatabaseKeepsH2sOwnSettingOfEverythingInPlace() {
    DataSource memory = MigratedDatabase.inMemory();
    Integer setting = new JdbcTemplate(memory).query(
        "select setting_value from information_schema.settings where setting_name = 'MAX_LENGTH_INPLACE_LOB'",
        rs -> rs.next() ? rs.getInt(1) : null);
    assertThat(setting).as("not lowered to the file database's threshold").isNull();
  }

  private static MessageStore store(DataSource dataSource) {
    return new MessageStore(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource),
        Clock.systemUTC(), "swg-node-1");
  }

  private static byte[] envelope(int size) {
    StringBuilder xml = new StringBuilder("<swg:Envelope xmlns:swg=\"urn:swg\"><swg:Body>");
    while (xml.length() < size - 30) {
      xml.append("<Item>Thanh toán thuế 0123456789</Item>");
    }
    return xml.append("</swg:Body></swg:Envelope>").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static InboundRecord accepted(String messageId, byte[] bytes) {
    return new InboundRecord("vcb", messageId, "TAX_PAYMENT_NOTICE", "NOTIFY", "01203001", "TCHQ",
        "TAX-" + messageId, null, null, "HTTP", "customs.payments.in", ChainFormat.sha256(bytes), "ab".repeat(32),
        OffsetDateTime.of(2026, 11, 23, 8, 30, 0, 0, ZoneOffset.ofHours(7)), bytes);
  }
}
