package vn.customs.swg.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;

/**
 * How the store's records map to rows of V1__message_store.sql and back: the column widths, the
 * insert parameters, the row mappers, and the encodings both databases must agree on (times,
 * error codes).
 */
final class MessageRows {

  static final String MESSAGE_COLUMNS = "id, direction, partner_id, message_id, message_type,"
      + " function_code, sender_identity, receiver_identity, conversation_id, ref_to_message_id,"
      + " document_reference, channel, destination, state, error_codes, content_digest,"
      + " sender_certificate, received_at, updated_at";

  static final RowMapper<StoredMessage> MESSAGE = (rs, row) -> new StoredMessage(
      rs.getLong("id"),
      rs.getString("direction"),
      rs.getString("partner_id"),
      rs.getString("message_id"),
      rs.getString("message_type"),
      rs.getString("function_code"),
      rs.getString("sender_identity"),
      rs.getString("receiver_identity"),
      rs.getString("conversation_id"),
      rs.getString("ref_to_message_id"),
      rs.getString("document_reference"),
      rs.getString("channel"),
      rs.getString("destination"),
      rs.getString("state"),
      splitCodes(rs.getString("error_codes")),
      rs.getString("content_digest"),
      rs.getString("sender_certificate"),
      time(rs, "received_at"),
      time(rs, "updated_at"));

  static final RowMapper<DedupEntry> DEDUP = (rs, row) -> new DedupEntry(
      rs.getLong("message_pk"),
      rs.getString("content_digest"),
      rs.getString("state"),
      time(rs, "received_at"),
      rs.getString("destination"));

  static final RowMapper<MessageEvent> EVENT = (rs, row) -> new MessageEvent(
      rs.getLong("id"),
      rs.getLong("message_pk"),
      rs.getString("state"),
      time(rs, "occurred_at"),
      rs.getString("node"),
      rs.getString("detail"));

  // Column widths of V1__message_store.sql. Rejections are clipped to them because a hostile or
  // broken submission must still leave a record; accepted messages passed the envelope schema.
  static final int ID_WIDTH = 128;
  static final int PARTNER_WIDTH = 64;
  static final int TYPE_WIDTH = 64;
  static final int FUNCTION_WIDTH = 32;
  static final int CHANNEL_WIDTH = 8;
  static final int DESTINATION_WIDTH = 255;
  static final int CODES_WIDTH = 1000;
  static final int DIGEST_WIDTH = 64;

  private MessageRows() {}

  static Map<String, Object> params(InboundRecord r) {
    Map<String, Object> p = new HashMap<>();
    p.put("partner", r.partnerId());
    p.put("messageId", r.messageId());
    p.put("type", r.messageType());
    p.put("function", r.functionCode());
    p.put("sender", r.senderIdentity());
    p.put("receiver", r.receiverIdentity());
    p.put("conversation", r.conversationId());
    p.put("refTo", r.refToMessageId());
    p.put("docRef", r.documentReference());
    p.put("channel", r.channel());
    p.put("destination", r.destination());
    p.put("codes", null);
    p.put("digest", r.contentDigest());
    p.put("certificate", r.senderCertificate());
    p.put("receivedAt", utc(r.receivedAt()));
    p.put("bytes", r.originalBytes());
    return p;
  }

  static Map<String, Object> params(RejectedRecord r) {
    Map<String, Object> p = new HashMap<>();
    p.put("partner", clip(r.partnerId(), PARTNER_WIDTH));
    p.put("messageId", clip(r.messageId(), ID_WIDTH));
    p.put("type", clip(r.messageType(), TYPE_WIDTH));
    p.put("function", clip(r.functionCode(), FUNCTION_WIDTH));
    p.put("sender", clip(r.senderIdentity(), ID_WIDTH));
    p.put("receiver", clip(r.receiverIdentity(), ID_WIDTH));
    p.put("conversation", clip(r.conversationId(), ID_WIDTH));
    p.put("refTo", clip(r.refToMessageId(), ID_WIDTH));
    p.put("docRef", clip(r.documentReference(), ID_WIDTH));
    p.put("channel", clip(r.channel(), CHANNEL_WIDTH));
    p.put("destination", clip(r.destination(), DESTINATION_WIDTH));
    p.put("codes", clip(joinCodes(r.errorCodes()), CODES_WIDTH));
    p.put("digest", clip(r.contentDigest(), DIGEST_WIDTH));
    p.put("certificate", clip(r.senderCertificate(), ID_WIDTH));
    p.put("receivedAt", utc(r.receivedAt()));
    p.put("bytes", r.originalBytes());
    return p;
  }

  /**
   * Times are written in UTC at microsecond precision: PostgreSQL returns timestamptz in UTC
   * and keeps microseconds, so H2 gives back exactly the same values only if we write them so.
   */
  static OffsetDateTime utc(OffsetDateTime time) {
    return time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  static String joinCodes(List<String> codes) {
    return codes == null || codes.isEmpty() ? null : String.join(",", codes);
  }

  static List<String> splitCodes(String codes) {
    if (codes == null || codes.isBlank()) {
      return List.of();
    }
    return Arrays.stream(codes.split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList();
  }

  static String clip(String value, int width) {
    return value == null || value.length() <= width ? value : value.substring(0, width);
  }

  private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC);
  }
}
