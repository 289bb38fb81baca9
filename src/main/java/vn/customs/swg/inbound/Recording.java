package vn.customs.swg.inbound;

import org.springframework.stereotype.Component;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.store.DuplicateMessageException;
import vn.customs.swg.store.InboundRecord;
import vn.customs.swg.store.MessageStore;

/**
 * Step 6, record, and the state changes after dispatch. Recording stores the bytes and metadata
 * and takes the (sender, messageId) key in one transaction; a concurrent twin that got there
 * first is answered exactly as deduplication would have answered it.
 */
@Component("recording")
public class Recording {

  private final MessageStore store;

  public Recording(MessageStore store) {
    this.store = store;
  }

  public InboundMessage recordAccepted(InboundMessage message) {
    EnvelopeHeader header = message.header();
    InboundRecord record = new InboundRecord(
        message.sender().id(), header.messageId(), header.messageType(), header.function(),
        header.fromIdentity(), header.toIdentity(), header.conversationId(), header.refToMessageId(),
        header.documentReference(), message.channel().name(), message.messageType().queue(),
        message.contentDigest(), message.trust().fingerprint(), message.receivedAt(), message.bytes());
    try {
      message.recordId(store.recordAccepted(record).id());
    } catch (DuplicateMessageException e) {
      Deduplication.refuseResubmission(message, e.existing());
    }
    return message;
  }

  public InboundMessage markDispatched(InboundMessage message) {
    // Set before the store is touched: if this update fails, the message is already on its queue,
    // and the error handler must not release the idempotency key (a resend would go out twice).
    message.onBackendQueue(true);
    store.markDispatched(message.recordId());
    return message;
  }

  /**
   * Undoes the acceptance of a message that could not be put on its queue, so the sender's resend
   * of the same messageId is processed afresh instead of being called a duplicate.
   */
  public void releaseAfterFailedDispatch(InboundMessage message, String detail) {
    if (message.recordId() != null) {
      store.releaseAfterFailedDispatch(message.recordId(), ErrorCode.RTE_004.code(), detail);
    }
  }
}
