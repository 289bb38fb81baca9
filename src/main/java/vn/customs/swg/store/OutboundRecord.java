package vn.customs.swg.store;

import java.time.OffsetDateTime;

/**
 * An outbound message (customs to partner) as the gateway signed it, for the store.
 *
 * @param partnerId the receiving partner
 * @param channel how it is delivered: HTTP, JMS or PULL
 * @param destination where: the partner's URL, its out queue, or its inbox
 * @param originalBytes the envelope as the back-end put it on swg.outbound
 * @param signedBytes the envelope with Routing and system signature, as delivered
 */
public record OutboundRecord(String partnerId, String messageId, String messageType, String functionCode,
    String receiverIdentity, String conversationId, String refToMessageId, String documentReference, String channel,
    String destination, String contentDigest, OffsetDateTime receivedAt, byte[] originalBytes, byte[] signedBytes) {}
