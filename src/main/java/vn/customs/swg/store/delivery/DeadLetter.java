package vn.customs.swg.store.delivery;

import java.time.Instant;

/** A delivery that gave up (FAILED_DELIVERY), with what an operator needs to decide a replay. */
public record DeadLetter(
    long deliveryPk,
    long messagePk,
    String messageId,
    String partnerId,
    String messageType,
    String channel,
    int attempts,
    Instant firstAttemptAt,
    Instant lastAttemptAt,
    String lastError) {}
