package vn.customs.swg.store;

/**
 * Thrown when an acceptance lost the race for its idempotency key: the same partner already has
 * an accepted message with this messageId, possibly accepted a moment ago on another node. Nothing
 * of the losing attempt was stored. It is not a rejection by itself: the caller compares digests
 * and answers DUPLICATE (same bytes) or SWG-DUP-001 (different bytes).
 */
public class DuplicateMessageException extends RuntimeException {

  private final transient DedupEntry existing;

  public DuplicateMessageException(String partnerId, String messageId, DedupEntry existing) {
    super("message " + messageId + " of partner " + partnerId
        + " was already accepted as #" + existing.messagePk());
    this.existing = existing;
  }

  /** The acceptance that holds the key. */
  public DedupEntry existing() {
    return existing;
  }
}
