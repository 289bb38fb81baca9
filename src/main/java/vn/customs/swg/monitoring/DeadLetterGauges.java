package vn.customs.swg.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.customs.swg.delivery.DeadLetterQueue;
import vn.customs.swg.trust.material.PartnerDirectory;

/**
 * How many outbound messages wait for an operator. {@value #DEAD_LETTERS}: deliveries in
 * FAILED_DELIVERY in the database (the list the deadletters endpoint shows and replays from), one
 * gauge per registered partner plus {@value OutcomeCounters#UNKNOWN} for partners no longer
 * registered; the set follows each trust reload. All gauges of a scrape share one GROUP BY query,
 * whose answer is kept for {@link #CACHE}, so scrapers and several registries cannot hammer the
 * database; while the database is unreachable the gauges read NaN (no sample), never a false 0.
 * {@value #QUEUE_DEPTH}: messages on the broker's {@value DeadLetterQueue#QUEUE}, when the broker is
 * embedded (an external broker publishes its own queue metrics).
 */
public final class DeadLetterGauges implements MeterBinder {

  static final String DEAD_LETTERS = "swg.deadletters";
  static final String QUEUE_DEPTH = "swg.deadletters.queue";
  static final Duration CACHE = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(DeadLetterGauges.class);
  private static final String COUNT_BY_PARTNER = """
      select partner_id, count(*) from swg_delivery where state = 'FAILED_DELIVERY' group by partner_id""";

  private final JdbcTemplate jdbc;
  private final PartnerDirectory partners;
  private final EmbeddedActiveMQ broker;
  private final Clock clock;
  private Snapshot snapshot;

  /**
   * @param broker the embedded broker, or null when the gateway uses an external one
   */
  public DeadLetterGauges(JdbcTemplate jdbc, PartnerDirectory partners, EmbeddedActiveMQ broker, Clock clock) {
    this.jdbc = jdbc;
    this.partners = partners;
    this.broker = broker;
    this.clock = clock;
  }

  /** One answer of the query: counts per partner id, or null when the database did not answer. */
  private record Snapshot(Instant at, Map<String, Long> counts) {}

  @Override
  public void bindTo(MeterRegistry registry) {
    Map<String, Gauge> gauges = new HashMap<>();
    Runnable sync = () -> syncGauges(registry, gauges);
    sync.run();
    partners.onReload(sync);
    if (broker != null) {
      Gauge.builder(QUEUE_DEPTH, broker, depthOf(DeadLetterQueue.QUEUE))
          .description("Messages on the broker's dead-letter queue for operators")
          .tag("queue", DeadLetterQueue.QUEUE)
          .register(registry);
    }
  }

  private void syncGauges(MeterRegistry registry, Map<String, Gauge> gauges) {
    synchronized (gauges) {
      Set<String> wanted = new HashSet<>();
      partners.current().all().forEach(partner -> wanted.add(partner.id()));
      wanted.add(OutcomeCounters.UNKNOWN);
      for (String partner : wanted) {
        gauges.computeIfAbsent(partner, id -> Gauge.builder(DEAD_LETTERS, () -> count(id))
            .description("Outbound deliveries that gave up (FAILED_DELIVERY) and wait for an operator")
            .tag("partner", id)
            .strongReference(true)
            .register(registry));
      }
      gauges.entrySet().removeIf(entry -> {
        if (wanted.contains(entry.getKey())) {
          return false;
        }
        registry.remove(entry.getValue());
        return true;
      });
    }
  }

  /** The dead letters of one gauge's partner; UNKNOWN sums those of partners not registered now. */
  double count(String partner) {
    Map<String, Long> counts = counts();
    if (counts == null) {
      return Double.NaN;
    }
    if (!OutcomeCounters.UNKNOWN.equals(partner)) {
      return counts.getOrDefault(partner, 0L);
    }
    long unregistered = 0;
    for (Map.Entry<String, Long> entry : counts.entrySet()) {
      if (partners.current().findById(entry.getKey()).isEmpty()) {
        unregistered += entry.getValue();
      }
    }
    return unregistered;
  }

  private synchronized Map<String, Long> counts() {
    Instant now = clock.instant();
    if (snapshot != null && now.isBefore(snapshot.at().plus(CACHE))) {
      return snapshot.counts();
    }
    Map<String, Long> counts = null;
    try {
      Map<String, Long> read = new HashMap<>();
      jdbc.query(COUNT_BY_PARTNER, row -> {
        read.put(row.getString(1), row.getLong(2));
      });
      counts = read;
      if (snapshot != null && snapshot.counts() == null) {
        log.info("dead-letter counts readable again");
      }
    } catch (RuntimeException e) {
      if (snapshot == null || snapshot.counts() != null) {
        log.warn("cannot count dead letters, {} reads NaN until the database answers: {}", DEAD_LETTERS, e.toString());
      }
    }
    snapshot = new Snapshot(now, counts);
    return counts;
  }

  private static ToDoubleFunction<EmbeddedActiveMQ> depthOf(String queueName) {
    SimpleString name = SimpleString.of(queueName);
    return embedded -> {
      ActiveMQServer server = embedded.getActiveMQServer();
      if (server == null || !server.isActive()) {
        return Double.NaN;
      }
      // The queue is created by its first message: none yet means nothing dead-lettered.
      Queue queue = server.locateQueue(name);
      return queue == null ? 0 : queue.getMessageCount();
    };
  }
}
