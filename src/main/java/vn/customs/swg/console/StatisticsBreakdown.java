package vn.customs.swg.console;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import vn.customs.swg.store.search.DailyStatistics;
import vn.customs.swg.store.search.DailyStatistics.DailyCount;

/**
 * Daily statistics as the statistics page shows them: counts per outcome added up per day (every
 * day of the range, quiet days as zero), per partner and per message type, each ready for a
 * stacked {@link BarChart}; and one table line per partner, type and direction with its count per
 * outcome, busiest first.
 */
public final class StatisticsBreakdown {

  /** Outcomes of {@link DailyCount}, in the order charts stack them. */
  public static final List<String> OUTCOMES = List.of("ACCEPTED", "DELIVERED", "PENDING", "REJECTED",
      "FAILED_DELIVERY");

  /** One table line: a partner's messages of one type in one direction, per outcome. */
  public record Line(String partnerId, String messageType, String direction, Map<String, Long> byOutcome, long total) {}

  private final Map<String, Map<String, Long>> byDay;
  private final Map<String, Map<String, Long>> byPartner;
  private final Map<String, Map<String, Long>> byType;
  private final Map<String, Long> totals;
  private final List<Line> lines;

  private StatisticsBreakdown(Map<String, Map<String, Long>> byDay, Map<String, Map<String, Long>> byPartner,
      Map<String, Map<String, Long>> byType, Map<String, Long> totals, List<Line> lines) {
    this.byDay = byDay;
    this.byPartner = byPartner;
    this.byType = byType;
    this.totals = totals;
    this.lines = lines;
  }

  public static StatisticsBreakdown of(DailyStatistics statistics) {
    Map<String, Map<String, Long>> byDay = new LinkedHashMap<>();
    for (LocalDate day = statistics.from(); !day.isAfter(statistics.to()); day = day.plusDays(1)) {
      byDay.put(day.toString(), new LinkedHashMap<>());
    }
    Map<String, Long> totals = new LinkedHashMap<>();
    OUTCOMES.forEach(outcome -> totals.put(outcome, 0L));
    Map<List<String>, Map<String, Long>> lineCounts = new TreeMap<>(Comparator.comparing((List<String> key) -> key.get(0))
        .thenComparing(key -> key.get(1)).thenComparing(key -> key.get(2)));
    for (DailyCount count : statistics.counts()) {
      add(byDay.computeIfAbsent(count.day().toString(), day -> new LinkedHashMap<>()), count);
      totals.merge(count.outcome(), count.count(), Long::sum);
      add(lineCounts.computeIfAbsent(List.of(count.partnerId(), count.messageType(), count.direction()),
          key -> new LinkedHashMap<>()), count);
    }
    List<Line> lines = lineCounts.entrySet().stream()
        .map(entry -> new Line(entry.getKey().get(0), entry.getKey().get(1), entry.getKey().get(2), entry.getValue(),
            entry.getValue().values().stream().mapToLong(Long::longValue).sum()))
        .sorted(Comparator.comparingLong(Line::total).reversed())
        .toList();
    return new StatisticsBreakdown(byDay, busiestFirst(statistics, DailyCount::partnerId),
        busiestFirst(statistics, DailyCount::messageType), totals, lines);
  }

  private static void add(Map<String, Long> row, DailyCount count) {
    row.merge(count.outcome(), count.count(), Long::sum);
  }

  private static Map<String, Map<String, Long>> busiestFirst(DailyStatistics statistics,
      Function<DailyCount, String> key) {
    Map<String, Map<String, Long>> rows = new TreeMap<>();
    statistics.counts().forEach(count -> add(rows.computeIfAbsent(key.apply(count), k -> new LinkedHashMap<>()), count));
    Map<String, Map<String, Long>> sorted = new LinkedHashMap<>();
    rows.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, Map<String, Long>> row) -> -sum(row.getValue())))
        .forEach(row -> sorted.put(row.getKey(), row.getValue()));
    return sorted;
  }

  private static long sum(Map<String, Long> row) {
    return row.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Every day of the range, oldest first, as {@code yyyy-MM-dd}. */
  public Map<String, Map<String, Long>> byDay() {
    return byDay;
  }

  /** Partners, busiest first. */
  public Map<String, Map<String, Long>> byPartner() {
    return byPartner;
  }

  /** Message types, busiest first. */
  public Map<String, Map<String, Long>> byType() {
    return byType;
  }

  /** The whole range per outcome. */
  public Map<String, Long> totals() {
    return totals;
  }

  public long total() {
    return sum(totals);
  }

  public List<Line> lines() {
    return lines;
  }
}
