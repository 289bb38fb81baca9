package vn.customs.swg.console;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.customs.swg.store.search.DailyStatistics;
import vn.customs.swg.store.search.MessageSearch;

/**
 * Daily statistics, {@code GET /console/statistics?from=2026-11-16&to=2026-11-22} (days in the
 * gateway's zone, both inclusive; the last 7 days by default): bar charts of messages per day, per
 * partner and per message type stacked by outcome, the most frequent rejection reasons with their
 * English and Vietnamese texts, and the numbers per partner, type and direction in a table.
 */
@Controller
public class StatisticsController {

  /** Days shown when the operator names none. */
  static final int DEFAULT_DAYS = 7;

  private final MessageSearch search;
  private final Clock clock;

  public StatisticsController(MessageSearch search, Clock clock) {
    this.search = search;
    this.clock = clock;
  }

  @GetMapping("/console/statistics")
  String statistics(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      Model model) {
    LocalDate today = LocalDate.now(clock.withZone(search.zone()));
    model.addAttribute("today", today);
    model.addAttribute("weekAgo", today.minusDays(DEFAULT_DAYS - 1));
    model.addAttribute("monthAgo", today.minusDays(29));
    try {
      LocalDate last = day("to", to, today);
      LocalDate first = day("from", from, last.minusDays(DEFAULT_DAYS - 1));
      model.addAttribute("from", first);
      model.addAttribute("to", last);
      DailyStatistics statistics = search.dailyStatistics(first, last);
      StatisticsBreakdown breakdown = StatisticsBreakdown.of(statistics);
      model.addAttribute("statistics", statistics);
      model.addAttribute("breakdown", breakdown);
      model.addAttribute("outcomes", StatisticsBreakdown.OUTCOMES);
      model.addAttribute("dayChart", BarChart.of(breakdown.byDay(), StatisticsBreakdown.OUTCOMES));
      model.addAttribute("partnerChart", BarChart.of(breakdown.byPartner(), StatisticsBreakdown.OUTCOMES));
      model.addAttribute("typeChart", BarChart.of(breakdown.byType(), StatisticsBreakdown.OUTCOMES));
      Map<String, Long> reasons = new LinkedHashMap<>();
      statistics.topRejections().forEach(reason -> reasons.put(reason.error().code(), reason.count()));
      model.addAttribute("rejectionChart", BarChart.single(reasons, "REJECTED"));
    } catch (IllegalArgumentException e) {
      model.addAttribute("problem", e.getMessage());
    }
    return "console/statistics";
  }

  private static LocalDate day(String field, String value, LocalDate otherwise) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + ": \"" + value + "\" is not a day like 2026-11-22");
    }
  }
}
