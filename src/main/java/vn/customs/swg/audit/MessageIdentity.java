package vn.customs.swg.audit;

import java.time.OffsetDateTime;
import org.springframework.jdbc.core.RowMapper;

/**
 * What an event binds of its message: the fields that say what was received or sent, from whom,
 * to whom and when, and the digests of the bytes as received and as signed. These are written
 * once, when the message is stored, and never change (state, error codes and updated_at do, and
 * are not here); bytes purged by retention leave their digests behind, so purging keeps every
 * event's message digest valid.
 */
public record MessageIdentity(
    long pk,
    String direction,
    String partnerId,
    String messageId,
    String messageType,
    String functionCode,
    String senderIdentity,
    String receiverIdentity,
    String conversationId,
    String refToMessageId,
    String documentReference,
    String channel,
    String destination,
    String contentDigest,
    String senderCertificate,
    OffsetDateTime receivedAt,
    String originalSha256,
    String signedSha256) {

  /** The columns of {@code swg_message} read by {@link #ROW}. */
  static final String COLUMNS = "id, direction, partner_id, message_id, message_type, function_code,"
      + " sender_identity, receiver_identity, conversation_id, ref_to_message_id, document_reference,"
      + " channel, destination, content_digest, sender_certificate, received_at, original_sha256,"
      + " signed_sha256";

  static final RowMapper<MessageIdentity> ROW = (rs, row) -> new MessageIdentity(
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
      rs.getString("content_digest"),
      rs.getString("sender_certificate"),
      rs.getObject("received_at", OffsetDateTime.class),
      rs.getString("original_sha256"),
      rs.getString("signed_sha256"));

  /** SHA-256 over the injective encoding of every field above, in order, behind a version tag. */
  public String digest() {
    return ChainFormat.sha256(ChainFormat.fields(ChainFormat.MESSAGE_TAG, Long.toString(pk), direction,
        partnerId, messageId, messageType, functionCode, senderIdentity, receiverIdentity, conversationId,
        refToMessageId, documentReference, channel, destination, contentDigest, senderCertificate,
        ChainFormat.time(receivedAt), originalSha256, signedSha256));
  }

  /** How operators name the message: partner/messageId, or #pk when the header was unreadable. */
  public String label() {
    return messageId == null ? "#" + pk : (partnerId == null ? "?" : partnerId) + "/" + messageId;
  }
}
