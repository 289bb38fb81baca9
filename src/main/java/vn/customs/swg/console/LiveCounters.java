package vn.customs.swg.console;

import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the message counter {@value #METRIC} (tags direction, partner, type, outcome) from the
 * Micrometer registry and adds it up the way the dashboard shows it: per outcome, per direction and
 * per partner. The counts are this node's since it started, as Micrometer keeps them; a node that
 * has counted nothing yet, or a build without the counter, reads as zeros, never as an error.
 */
public final class LiveCounters {

  /** The counter owned by the metrics part of the gateway (shared contract, issue 5). */
  public static final String METRIC = "swg.messages";
  /** Outcomes in the order the dashboard shows them. */
  public static final List<String> OUTCOMES = List.of("ACCEPTED", "DUPLICATE", "REJECTED", "DELIVERED",
      "FAILED_DELIVERY");

  /**
   * The counts at one moment.
   *
   * @param byOutcome every outcome of {@link #OUTCOMES}, in order, then any other seen
   * @param byDirection INBOUND and OUTBOUND
   * @param byPartner every partner given (registered ones, with zeros) and every partner tag seen,
   *     each with its counts per outcome
   * @param total all messages counted
   */
  public record Counts(Map<String, Long> byOutcome, Map<String, Long> byDirection,
      Map<String, Map<String, Long>> byPartner, long total) {}

  private final MeterRegistry registry;

  public LiveCounters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The counts now; {@code partners} get a row even when nothing was counted for them. */
  public Counts read(Collection<String> partners) {
    Map<String, Long> byOutcome = zeros(OUTCOMES);
    Map<String, Long> byDirection = zeros(List.of("INBOUND", "OUTBOUND"));
    Map<String, Map<String, Long>> byPartner = new TreeMap<>();
    partners.forEach(partner -> byPartner.put(partner, zeros(OUTCOMES)));
    long total = 0;
    for (Meter meter : registry.find(METRIC).meters()) {
      long count = count(meter);
      if (count == 0) {
        continue;
      }
      String outcome = tag(meter, "outcome");
      byOutcome.merge(outcome, count, Long::sum);
      byDirection.merge(tag(meter, "direction"), count, Long::sum);
      byPartner.computeIfAbsent(tag(meter, "partner"), p -> zeros(OUTCOMES)).merge(outcome, count, Long::sum);
      total += count;
    }
    return new Counts(byOutcome, byDirection, byPartner, total);
  }

  // A Counter measures COUNT; reading the measurement also takes a FunctionCounter.
  private static long count(Meter meter) {
    double sum = 0;
    for (Measurement measurement : meter.measure()) {
      if (measurement.getStatistic() == Statistic.COUNT) {
        sum += measurement.getValue();
      }
    }
    return Math.round(sum);
  }

  private static String tag(Meter meter, String key) {
    String value = meter.getId().getTag(key);
    return value == null ? "unknown" : value;
  }

  private static Map<String, Long> zeros(List<String> keys) {
    Map<String, Long> map = new LinkedHashMap<>();
    keys.forEach(key -> map.put(key, 0L));
    return map;
  }
}
