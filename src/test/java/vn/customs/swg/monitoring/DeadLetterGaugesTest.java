package vn.customs.swg.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.OutboundRecord;
import vn.customs.swg.store.delivery.DeliveryStore;
import vn.customs.swg.store.delivery.Outcome;
import vn.customs.swg.store.delivery.RetryPolicy;
import vn.customs.swg.testsupport.DevConfiguration;
import vn.customs.swg.testsupport.MigratedDatabase;
import vn.customs.swg.testsupport.MutableClock;

/**
 * {@code swg.deadletters} as a scraper sees it: the FAILED_DELIVERY deliveries of each registered
 * partner (those of partners no longer registered under "unknown"), read at most once per cache
 * period, and no number at all while the database is down.
 */
class DeadLetterGaugesTest {

  private static final RetryPolicy ONE_ATTEMPT =
      new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(1), 2.0);

  private final MutableClock clock = new MutableClock();
  private final JdbcTemplate jdbc = new JdbcTemplate(MigratedDatabase.inMemory());
  private final DataSourceTransactionManager transactions = new DataSourceTransactionManager(jdbc.getDataSource());
  private final MessageStore messages = new MessageStore(jdbc, transactions, clock, "swg-node-1");
  private final DeliveryStore deliveries = new DeliveryStore(jdbc, transactions, clock, "swg-node-1");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void countsEachPartnersDeadLettersAndThoseOfPartnersNoLongerRegistered() {
    deadLetter("vcb");
    deadLetter("vcb");
    deadLetter("bidv");
    deadLetter("retired-bank");
    delivering("vcb");
    bind(jdbc);

    assertThat(gauge("vcb")).isEqualTo(2.0);
    assertThat(gauge("bidv")).isEqualTo(1.0);
    assertThat(gauge("moit")).isZero();
    assertThat(gauge("unknown")).isEqualTo(1.0);
    assertThat(registry.find(DeadLetterGauges.DEAD_LETTERS).gauges()).as("4 dev partners and unknown").hasSize(5);
  }

  @Test
  void aScrapeWithinTheCachePeriodDoesNotQueryAgain() {
    deadLetter("vcb");
    bind(jdbc);
    assertThat(gauge("vcb")).isEqualTo(1.0);

    deadLetter("vcb");
    clock.advance(DeadLetterGauges.CACHE.minusMillis(1));
    double cached = gauge("vcb");
    clock.advance(Duration.ofMillis(1));

    assertThat(cached).isEqualTo(1.0);
    assertThat(gauge("vcb")).isEqualTo(2.0);
  }

  @Test
  void readsNoNumberWhileTheDatabaseIsDown() {
    // Nothing listens on 127.0.0.1:1: the connection is refused at once.
    bind(new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:tcp://127.0.0.1:1/nowhere", "swg", "")));

    assertThat(gauge("vcb")).isNaN();
    assertThat(gauge("unknown")).isNaN();
  }

  private void bind(JdbcTemplate database) {
    new DeadLetterGauges(database, DevConfiguration.partners(), null, clock).bindTo(registry);
  }

  private double gauge(String partner) {
    Gauge gauge = registry.find(DeadLetterGauges.DEAD_LETTERS).tag("partner", partner).gauge();
    assertThat(gauge).as("gauge of %s", partner).isNotNull();
    return gauge.value();
  }

  private void deadLetter(String partner) {
    Outcome outcome = deliveries.recordFailedAttempt(delivering(partner), 503, "down", false, ONE_ATTEMPT);
    assertThat(outcome.deadLettered()).isTrue();
  }

  private long delivering(String partner) {
    String messageId = "TCHQ" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    byte[] bytes = ("<!-- " + messageId + " -->").getBytes(StandardCharsets.UTF_8);
    long pk = messages.recordOutboundSigned(new OutboundRecord(partner, messageId, "TAX_PAYMENT_CONFIRMATION",
        "RESULT", "01203001", null, null, null, "HTTP", null, "ab".repeat(32), OffsetDateTime.now(ZoneOffset.UTC),
        bytes, bytes), "TCHQ").id();
    return deliveries.create(pk, partner, DeliveryStore.HTTP, null);
  }
}
