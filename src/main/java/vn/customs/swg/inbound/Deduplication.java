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
 * <p>
 * An original still ACCEPTED (its node may have died before dispatching it) is first settled by
 * {@link DispatchRecovery}: DUPLICATE is answered only once its forwarded envelope is kept (then it
 * reaches its queue whichever node dies: past the grace period this resend sends it itself);
 * released if it was never kept,
 * and then this resend is the submission that goes through; answered SWG-RTE-004 (retryable) if a
 * node is still working on it, since a DUPLICATE now could stand for a message that its node is
 * about to lose.
 */
@Component("deduplication")
public class Deduplication {

  private final MessageStore store;
  private final DispatchRecovery recovery;

  public Deduplication(MessageStore store, DispatchRecovery recovery) {
    this.store = store;
    this.recovery = recovery;
  }

  public InboundMessage deduplicate(InboundMessage message) {
    store.findDedupEntry(message.sender().id(), message.header().messageId())
        .ifPresent(original -> refuseResubmission(message, original));
    return message;
  }

  /**
   * Answers a submission whose (sender, messageId) key is held by {@code original}: returns only
   * when the original was released, so that this submission goes on as a new one.
   */
  void refuseResubmission(InboundMessage message, DedupEntry original) {
    if (!original.contentDigest().equals(message.contentDigest())) {
      throw new MessageRejectedException(ErrorCode.DUP_001, "messageId " + message.header().messageId()
          + " was accepted on " + original.receivedAt() + " with different content");
    }
    if (MessageStore.ACCEPTED.equals(original.state())) {
      switch (recovery.settleResubmission(original.messagePk())) {
        case RELEASED -> {
          return;
        }
        case IN_FLIGHT -> throw new MessageRejectedException(ErrorCode.RTE_004, "messageId "
            + message.header().messageId() + " is being processed from an earlier submission; resend it later");
        case DISPATCHED, KEPT -> { }
      }
    }
    throw new InboundMessage.DuplicateSubmission(original);
  }
}
