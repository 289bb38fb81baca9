package vn.customs.swg.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.customs.swg.store.search.DailyStatistics;
import vn.customs.swg.store.search.DailyStatistics.DailyCount;

class StatisticsBreakdownTest {

  private static final LocalDate MONDAY = LocalDate.of(2026, 11, 16);

  private final DailyStatistics statistics = new DailyStatistics(MONDAY, MONDAY.plusDays(2),
      ZoneId.of("Asia/Ho_Chi_Minh"), List.of(
          new DailyCount(MONDAY, "vcb", "TAX_PAYMENT_NOTICE", "INBOUND", "ACCEPTED", 5),
          new DailyCount(MONDAY, "vcb", "TAX_PAYMENT_NOTICE", "INBOUND", "REJECTED", 2),
          new DailyCount(MONDAY, "moit", "LICENCE_RESULT", "INBOUND", "ACCEPTED", 1),
          new DailyCount(MONDAY.plusDays(2), "vcb", "TAX_PAYMENT_CONFIRMATION", "OUTBOUND", "DELIVERED", 4),
          new DailyCount(MONDAY.plusDays(2), "vcb", "TAX_PAYMENT_NOTICE", "INBOUND", "ACCEPTED", 3)),
      List.of());

  private final StatisticsBreakdown breakdown = StatisticsBreakdown.of(statistics);

  @Test
  void everyDayOfTheRangeIsARowQuietDaysIncluded() {
    assertThat(breakdown.byDay()).containsOnlyKeys("2026-11-16", "2026-11-17", "2026-11-18");
    assertThat(breakdown.byDay().get("2026-11-16")).containsEntry("ACCEPTED", 6L).containsEntry("REJECTED", 2L);
    assertThat(breakdown.byDay().get("2026-11-17")).isEmpty();
    assertThat(breakdown.byDay().keySet()).containsExactly("2026-11-16", "2026-11-17", "2026-11-18");
  }

  @Test
  void partnersAndTypesComeBusiestFirst() {
    assertThat(breakdown.byPartner().keySet()).containsExactly("vcb", "moit");
    assertThat(breakdown.byPartner().get("vcb")).containsEntry("ACCEPTED", 8L).containsEntry("DELIVERED", 4L);
    assertThat(breakdown.byType().keySet()).containsExactly("TAX_PAYMENT_NOTICE", "TAX_PAYMENT_CONFIRMATION",
        "LICENCE_RESULT");
  }

  @Test
  void tableHasOneLinePerPartnerTypeAndDirectionWithItsTotal() {
    assertThat(breakdown.lines()).hasSize(3);
    StatisticsBreakdown.Line notices = breakdown.lines().get(0);
    assertThat(notices.partnerId()).isEqualTo("vcb");
    assertThat(notices.messageType()).isEqualTo("TAX_PAYMENT_NOTICE");
    assertThat(notices.byOutcome()).containsEntry("ACCEPTED", 8L).containsEntry("REJECTED", 2L);
    assertThat(notices.total()).isEqualTo(10);
    assertThat(breakdown.totals()).containsEntry("ACCEPTED", 9L).containsEntry("DELIVERED", 4L)
        .containsEntry("FAILED_DELIVERY", 0L);
    assertThat(breakdown.total()).isEqualTo(15);
  }
}
