package vn.customs.swg.store;

import vn.customs.swg.testsupport.MigratedDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import vn.customs.swg.testsupport.MutableClock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A migrated database (H2, or PostgreSQL: see MigratedDatabase), a settable clock, and builders
 * for the records the store takes. Public for tests of migrations (db.migration), which stay out
 * of the PostgreSQL store suite when they test an H2-only step.
 */
public final class StoreFixture {

  static final ZoneOffset HANOI = ZoneOffset.ofHours(7);
  /** When the fixture's records arrived: just before the clock's start, in Hanoi time. */
  static final OffsetDateTime RECEIVED_AT = OffsetDateTime.of(2026, 11, 22, 23, 41, 7, 0, HANOI);

  final DataSource dataSource;
  public final JdbcTemplate jdbc;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T16:41:07.412Z"), HANOI);

  private StoreFixture(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = new JdbcTemplate(dataSource);
  }

  public static StoreFixture inMemory() {
    return new StoreFixture(MigratedDatabase.inMemory());
  }

  /** The database at this H2 file URL (on PostgreSQL: the database named after it), migrated. */
  public static StoreFixture file(String url) {
    return new StoreFixture(MigratedDatabase.at(url));
  }

  /** The node stops: its connections end, the data stays (see {@link MigratedDatabase#shutdown}). */
  public void shutdown() {
    MigratedDatabase.shutdown(dataSource);
  }

  public MessageStore store(String nodeId) {
    return new MessageStore(jdbc, new DataSourceTransactionManager(dataSource), clock, nodeId);
  }

  int count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Integer.class);
  }

  public static InboundRecord accepted(String partnerId, String messageId, String xml) {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    return new InboundRecord(partnerId, messageId, "TAX_PAYMENT_NOTICE", "NOTIFY", "01203001",
        "TCHQ", "TAX-107123456789", null, "FT26326000123456", "HTTP", "customs.payments.in",
        sha256(bytes), "ab".repeat(32), RECEIVED_AT, bytes);
  }

  static RejectedRecord rejected(String partnerId, String messageId, String xml, String... codes) {
    return rejectedAt(RECEIVED_AT, partnerId, messageId, xml, codes);
  }

  static RejectedRecord rejectedAt(
      OffsetDateTime receivedAt, String partnerId, String messageId, String xml, String... codes) {
    byte[] bytes = xml == null ? null : xml.getBytes(StandardCharsets.UTF_8);
    return new RejectedRecord(partnerId, messageId, "TAX_PAYMENT_NOTICE", "NOTIFY", "01203001",
        "TCHQ", null, null, null, "HTTP", null, bytes == null ? null : sha256(bytes), null,
        receivedAt, bytes, List.of(codes), null);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
