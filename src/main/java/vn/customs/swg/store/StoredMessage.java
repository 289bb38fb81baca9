package vn.customs.swg.store;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A stored message as tracking and receipts see it: the row without its bytes (fetch those with
 * {@link MessageStore#originalBytes(long)}, as received, and {@link MessageStore#signedBytes(long)},
 * as the gateway sent them on), with the error codes as a list. Times are in UTC.
 */
public record StoredMessage(
    long id,
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
    String state,
    List<String> errorCodes,
    String contentDigest,
    String senderCertificate,
    OffsetDateTime receivedAt,
    OffsetDateTime updatedAt) {

  public StoredMessage {
    errorCodes = List.copyOf(errorCodes);
  }
}
