package vn.customs.swg.store.search;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Message counts per day, partner, type, direction and outcome over a range of days, and the most
 * frequent rejection reasons over the same range. Days are calendar days in {@code zone} (the
 * gateway's, GMT+7). A message with no known partner or type counts under {@value #UNKNOWN}.
 *
 * @param from first day, inclusive
 * @param to last day, inclusive
 */
public record DailyStatistics(LocalDate from, LocalDate to, ZoneId zone, List<DailyCount> counts,
    List<RejectionReason> topRejections) {

  public static final String UNKNOWN = "unknown";

  public DailyStatistics {
    counts = List.copyOf(counts);
    topRejections = List.copyOf(topRejections);
  }

  /**
   * How many messages of one partner and type ended one day in one outcome.
   *
   * @param outcome ACCEPTED (accepted or dispatched), REJECTED, DELIVERED, FAILED_DELIVERY, or
   *     PENDING (still on its way: received, signed or delivering)
   */
  public record DailyCount(LocalDate day, String partnerId, String messageType, String direction, String outcome,
      long count) {}

  /** An error code and how many rejected messages carried it. */
  public record RejectionReason(ErrorText error, long count) {}
}
