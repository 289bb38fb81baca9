package vn.customs.swg.store;

import java.time.OffsetDateTime;

/** One state transition of a stored message: what, when, on which gateway node, and why. */
public record MessageEvent(
    long id, long messagePk, String state, OffsetDateTime occurredAt, String node, String detail) {}
