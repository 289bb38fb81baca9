package vn.customs.swg.store;

import java.time.OffsetDateTime;

/**
 * The idempotency key of an accepted message, joined with what a replay needs to answer: the
 * digest to tell an identical resend (original receipt, DUPLICATE) from a different one
 * (SWG-DUP-001), and the original state, reception time and destination for that receipt.
 */
public record DedupEntry(
    long messagePk,
    String contentDigest,
    String state,
    OffsetDateTime receivedAt,
    String destination) {}
