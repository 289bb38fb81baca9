package vn.customs.swg.audit;

/**
 * The first place a node's chain does not hold, as the verifier found it.
 *
 * @param reason what is wrong
 * @param node the node whose chain it is
 * @param seq the chain position where it was found (of the checkpoint, for checkpoint reasons)
 * @param eventId the event at that position, or null when there is none (a truncated tail)
 * @param messagePk the event's message, or null
 * @param message how operators name that message (partner/messageId), or null
 * @param checkpointId the checkpoint concerned, for checkpoint reasons and an unanchored start
 * @param explanation one sentence for the operator
 */
public record BrokenLink(
    Reason reason,
    String node,
    Long seq,
    Long eventId,
    Long messagePk,
    String message,
    Long checkpointId,
    String explanation) {

  /** Why a link is broken. */
  public enum Reason {
    /** The event's fields no longer hash to its stored entry hash: the event was altered. */
    HASH_MISMATCH,
    /** The event's prev_hash is not its predecessor's entry hash: an event was replaced or moved. */
    PREV_MISMATCH,
    /** Positions are missing (events deleted), or the chain starts without a signed checkpoint before it. */
    GAP,
    /** The chain ends before its head row or a checkpoint says it does: the tail was deleted. */
    TRUNCATED,
    /** The head row does not match the chain's last event. */
    HEAD_MISMATCH,
    /** A checkpoint's signature does not verify, or its signer is not a trusted gateway certificate. */
    BAD_CHECKPOINT_SIGNATURE,
    /** A validly signed checkpoint names a hash the chain does not have at its position. */
    CHECKPOINT_MISMATCH,
    /** The message's identifying fields or byte digests differ from what the event bound. */
    MESSAGE_ALTERED,
    /** Stored bytes no longer match the digest written with them. */
    BYTES_ALTERED,
    /** Bytes are gone without a BYTES_PURGED event in the chain. */
    BYTES_MISSING,
    /** An event written after the chain existed has no chain position: it bypassed the appender. */
    UNCHAINED
  }

  /** One line for a terminal or a log. */
  public String line() {
    StringBuilder line = new StringBuilder(reason.name());
    if (seq != null) {
      line.append(" at seq ").append(seq);
    }
    if (eventId != null) {
      line.append(", event #").append(eventId);
    }
    if (checkpointId != null) {
      line.append(", checkpoint #").append(checkpointId);
    }
    if (messagePk != null) {
      line.append(", message #").append(messagePk);
      if (message != null) {
        line.append(" (").append(message).append(')');
      }
    }
    return line.append(": ").append(explanation).toString();
  }
}
