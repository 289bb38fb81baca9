package vn.customs.swg.inbound;

import org.springframework.stereotype.Component;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.store.DedupEntry;
import vn.customs.swg.store.MessageStore;

/**
 * Step 4, deduplicate on (sender, messageId): an identical resubmission of an accepted message is
 * answered with its original receipt and not forwarded again; the same id with other bytes is a
 * rejection. The store's unique key settles races between nodes (see {@link Recording}).
 */
@Component("deduplication")
public class Deduplication {

  private final MessageStore store;

  public Deduplication(MessageStore store) {
    this.store = store;
  }

  public InboundMessage deduplicate(InboundMessage message) {
    store.findDedupEntry(message.sender().id(), message.header().messageId())
        .ifPresent(original -> refuseResubmission(message, original));
    return message;
  }

  static void refuseResubmission(InboundMessage message, DedupEntry original) {
    if (original.contentDigest().equals(message.contentDigest())) {
      throw new InboundMessage.DuplicateSubmission(original);
    }
    throw new MessageRejectedException(ErrorCode.DUP_001, "messageId " + message.header().messageId()
        + " was accepted on " + original.receivedAt() + " with different content");
  }
}
