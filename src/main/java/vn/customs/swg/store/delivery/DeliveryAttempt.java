package vn.customs.swg.store.delivery;

import java.time.Instant;

/**
 * One attempt to deliver, kept for tracking and evidence: its number within the current round of
 * attempts (a replay starts a new round at 1), when and on which node it was made, its outcome
 * ({@code DELIVERED}, {@code RETRY}, {@code REFUSED_RECEIPT} or {@code FAILED}), and the partner's
 * HTTP status when there was one.
 */
public record DeliveryAttempt(
    long id,
    long deliveryPk,
    int attemptNo,
    Instant attemptedAt,
    String node,
    String outcome,
    Integer httpStatus,
    String detail) {}
