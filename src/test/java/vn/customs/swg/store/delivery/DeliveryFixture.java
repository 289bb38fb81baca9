package vn.customs.swg.store.delivery;

import vn.customs.swg.testsupport.MigratedDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import vn.customs.swg.testsupport.MutableClock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A migrated database (H2, or PostgreSQL: see MigratedDatabase), a settable clock, outbound
 * message rows and stores on named nodes.
 */
final class DeliveryFixture {

  static final Instant START = Instant.parse("2026-11-22T16:41:07.412Z");
  static final RetryPolicy POLICY = new RetryPolicy(
      5, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofHours(24), 2.0);

  final DataSource dataSource;
  final JdbcTemplate jdbc;
  final MutableClock clock = new MutableClock(START);
  private final AtomicInteger messages = new AtomicInteger();

  private DeliveryFixture(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = new JdbcTemplate(dataSource);
  }

  static DeliveryFixture inMemory() {
    return new DeliveryFixture(MigratedDatabase.inMemory());
  }

  /** The database at this H2 file URL (on PostgreSQL: the database named after it), migrated. */
  static DeliveryFixture file(String url) {
    return new DeliveryFixture(MigratedDatabase.at(url));
  }

  /** The node stops: its connections end, the data stays (see {@link MigratedDatabase#shutdown}). */
  void shutdown() {
    MigratedDatabase.shutdown(dataSource);
  }

  /** A store on the node, with jitter from a fixed seed so that backoffs repeat run to run. */
  DeliveryStore store(String nodeId) {
    return new DeliveryStore(jdbc, new DataSourceTransactionManager(dataSource), clock, nodeId,
        new SplittableRandom(42));
  }

  /** A minimal signed outbound message to the partner, as the outbound flow records it. */
  long outboundMessage(String partnerId) {
    String messageId = "TCHQ" + String.format("%06d", messages.incrementAndGet());
    OffsetDateTime at = clock.instant().atOffset(ZoneOffset.UTC);
    KeyHolder key = new GeneratedKeyHolder();
    JdbcClient.create(jdbc).sql("""
            insert into swg_message (direction, partner_id, message_id, message_type, channel,
              state, received_at, updated_at)
            values ('OUTBOUND', :partner, :messageId, 'TAX_PAYMENT_CONFIRMATION', 'JMS', 'SIGNED',
              :at, :at)""")
        .param("partner", partnerId)
        .param("messageId", messageId)
        .param("at", at)
        .update(key, "id");
    return key.getKeyAs(Long.class);
  }

  String messageState(long messagePk) {
    return jdbc.queryForObject(
        "select state from swg_message where id = ?", String.class, messagePk);
  }

  int count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Integer.class);
  }

}
