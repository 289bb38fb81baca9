package vn.customs.swg.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A submission the gateway refused, with whatever could be read before the refusal. Only the
 * reception time, the channel and the error codes are certain; everything else may be null
 * because the sender may be unknown, the header unreadable or the bytes not even XML. Values
 * longer than their column are clipped on write, since a rejection must always be recordable.
 * The optional detail is for operators and goes to the REJECTED event after the codes.
 */
public record RejectedRecord(
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
    byte[] originalBytes,
    List<String> errorCodes,
    String detail) {

  public RejectedRecord {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(receivedAt, "receivedAt");
    errorCodes = List.copyOf(errorCodes);
    if (errorCodes.isEmpty()) {
      throw new IllegalArgumentException("a rejection needs at least one error code");
    }
  }

  /** The fields a rejection path usually has: no routing, no certificate, no optional headers. */
  public RejectedRecord(String partnerId, String messageId, String messageType,
      String senderIdentity, String channel, String contentDigest, List<String> errorCodes,
      String detail, OffsetDateTime receivedAt, byte[] originalBytes) {
    this(partnerId, messageId, messageType, null, senderIdentity, null, null, null, null, channel,
        null, contentDigest, null, receivedAt, originalBytes, errorCodes, detail);
  }
}
