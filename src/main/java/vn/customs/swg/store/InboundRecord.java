package vn.customs.swg.store;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * An inbound message that passed admission, authentication, authorisation, deduplication and
 * validation, as the store records it on acceptance. The identifying fields are required because
 * they form the idempotency key and the evidence; the optional envelope fields may be null.
 * The bytes are not copied: a message can be megabytes and the caller does not change them.
 */
public record InboundRecord(
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
    byte[] originalBytes) {

  public InboundRecord {
    Objects.requireNonNull(partnerId, "partnerId");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(messageType, "messageType");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(contentDigest, "contentDigest");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(originalBytes, "originalBytes");
  }
}
