package vn.customs.swg.store.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.RowMapper;

/**
 * How the delivery records map to rows of V3__outbound_delivery.sql and back: the column widths,
 * the row mappers, and the time encoding both databases agree on.
 */
final class DeliveryRows {

  static final String DELIVERY_COLUMNS = "id, message_pk, partner_id, channel, state, attempts,"
      + " next_attempt_at, first_attempt_at, last_attempt_at, delivered_at, last_error,"
      + " claimed_by, claimed_until, created_at";

  // Column widths of V3__outbound_delivery.sql (event details are the audit EventLog's to cut).
  static final int PARTNER_WIDTH = 64;
  static final int NODE_WIDTH = 64;
  static final int ERROR_WIDTH = 1000;

  static final RowMapper<Delivery> DELIVERY = (rs, row) -> new Delivery(
      rs.getLong("id"),
      rs.getLong("message_pk"),
      rs.getString("partner_id"),
      rs.getString("channel"),
      rs.getString("state"),
      rs.getInt("attempts"),
      instant(rs, "next_attempt_at"),
      instant(rs, "first_attempt_at"),
      instant(rs, "last_attempt_at"),
      instant(rs, "delivered_at"),
      rs.getString("last_error"),
      rs.getString("claimed_by"),
      instant(rs, "claimed_until"),
      instant(rs, "created_at"));

  static final RowMapper<DeliveryAttempt> ATTEMPT = (rs, row) -> new DeliveryAttempt(
      rs.getLong("id"),
      rs.getLong("delivery_pk"),
      rs.getInt("attempt_no"),
      instant(rs, "attempted_at"),
      rs.getString("node"),
      rs.getString("outcome"),
      rs.getObject("http_status", Integer.class),
      rs.getString("detail"));

  static final RowMapper<DeadLetter> DEAD_LETTER = (rs, row) -> new DeadLetter(
      rs.getLong("id"),
      rs.getLong("message_pk"),
      rs.getString("message_id"),
      rs.getString("partner_id"),
      rs.getString("message_type"),
      rs.getString("channel"),
      rs.getInt("attempts"),
      instant(rs, "first_attempt_at"),
      instant(rs, "last_attempt_at"),
      rs.getString("last_error"));

  private DeliveryRows() {}

  /**
   * Times are written in UTC at microsecond precision, as the message store writes them:
   * PostgreSQL keeps microseconds, so both databases then give back exactly what was written.
   */
  static OffsetDateTime utc(Instant time) {
    return time == null ? null : time.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  static String clip(String value, int width) {
    return value == null || value.length() <= width ? value : value.substring(0, width);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
