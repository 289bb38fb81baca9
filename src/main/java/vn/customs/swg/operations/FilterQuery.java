package vn.customs.swg.operations;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import vn.customs.swg.store.search.MessageFilter;

/**
 * A message filter as an operator types it: query parameters of the admin API, fields of the
 * console's filter form (Spring binds both by these names). It decides how times are read: a
 * date alone is a whole day in the gateway's zone ({@code from=2026-11-22} from that day's start,
 * {@code to=2026-11-22} up to its end), a date-time without offset is in the gateway's zone, and
 * one with an offset or {@code Z} is taken as written.
 *
 * @param type the message type (messageType)
 * @param from received from (inclusive)
 * @param to received until (see above)
 */
public record FilterQuery(String sender, String receiver, String partner, String type, String state,
    String direction, String from, String to, String documentReference, String conversationId,
    String messageId) {

  /**
   * The store's filter.
   *
   * @throws IllegalArgumentException with a sentence naming the parameter when a value cannot be read
   */
  public MessageFilter toFilter(ZoneId zone) {
    return MessageFilter.builder()
        .sender(sender)
        .receiver(receiver)
        .partner(partner)
        .messageType(type)
        .state(state == null ? null : state.trim().toUpperCase(java.util.Locale.ROOT))
        .direction(direction == null ? null : direction.trim().toUpperCase(java.util.Locale.ROOT))
        .receivedFrom(instant("from", from, zone, false))
        .receivedTo(instant("to", to, zone, true))
        .documentReference(documentReference)
        .conversationId(conversationId)
        .messageId(messageId)
        .build();
  }

  static Instant instant(String name, String value, ZoneId zone, boolean endOfDay) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.trim();
    try {
      if (text.length() == 10) {
        LocalDate day = LocalDate.parse(text);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
      }
      if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return OffsetDateTime.parse(text).toInstant();
      }
      return LocalDateTime.parse(text).atZone(zone).toInstant();
    } catch (DateTimeException e) {
      String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
      throw new IllegalArgumentException(name + "=" + shown + " is not a date (2026-11-22) or date-time"
          + " (2026-11-22T08:00, 2026-11-22T08:00:00+07:00)");
    }
  }
}
