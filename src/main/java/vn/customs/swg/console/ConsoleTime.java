package vn.customs.swg.console;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Shows times as operators read them: in the gateway clock's zone (Vietnam, GMT+7), to the second,
 * without the zone on every cell; pages name the zone once in their footer. The store keeps UTC.
 */
public final class ConsoleTime {

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final ZoneId zone;

  public ConsoleTime(Clock clock) {
    this.zone = clock.getZone();
  }

  public String of(Instant instant) {
    return instant == null ? "" : SECONDS.format(instant.atZone(zone));
  }

  public String of(OffsetDateTime time) {
    return time == null ? "" : of(time.toInstant());
  }

  /** The zone's name and offset now, e.g. "Asia/Ho_Chi_Minh (GMT+07:00)". */
  public String zone() {
    return zone.getId() + " (" + zone.getDisplayName(TextStyle.SHORT, Locale.ROOT) + " "
        + zone.getRules().getOffset(Instant.now()).getId() + ")";
  }
}
