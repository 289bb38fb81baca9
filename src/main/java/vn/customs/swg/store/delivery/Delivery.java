package vn.customs.swg.store.delivery;

import java.time.Instant;

/**
 * The delivery of one outbound message to its partner, as stored: its state, how many attempts
 * were made since it started (or was last replayed), when the next one is due, and which gateway
 * node holds it until when. {@code claimedBy} and {@code claimedUntil} are null when unclaimed.
 */
public record Delivery(
    long id,
    long messagePk,
    String partnerId,
    String channel,
    String state,
    int attempts,
    Instant nextAttemptAt,
    Instant firstAttemptAt,
    Instant lastAttemptAt,
    Instant deliveredAt,
    String lastError,
    String claimedBy,
    Instant claimedUntil,
    Instant createdAt) {}
