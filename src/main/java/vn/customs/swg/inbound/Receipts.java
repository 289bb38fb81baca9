package vn.customs.swg.inbound;

import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import vn.customs.swg.SwgHeaders;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.receipt.ReceiptFactory;
import vn.customs.swg.receipt.ReceiptStatus;
import vn.customs.swg.receipt.Verdict;
import vn.customs.swg.store.DedupEntry;
import vn.customs.swg.store.MessageStore;

/**
 * Step 9, acknowledge: the signed ACCEPTED receipt, released only after the record and the queue
 * send are durable (the route calls {@link #accepted} last); and the DUPLICATE receipt for an
 * identical resubmission, which carries the original acceptance time and is recorded as an event
 * of the original. The ACCEPTED receipt says nothing that steps 6 to 8 decide (who sent what,
 * when it was received), so {@link #signAcceptedAhead} begins signing it on another core as soon
 * as the checks have passed; if step 6, 7 or 8 then fails, it is never sent.
 */
@Component("receipts")
public class Receipts {

  private static final Logger log = LoggerFactory.getLogger(Receipts.class);

  private final ReceiptFactory receiptFactory;
  private final MessageStore store;
  private final WorkAhead workAhead;

  public Receipts(ReceiptFactory receiptFactory, MessageStore store, WorkAhead workAhead) {
    this.receiptFactory = receiptFactory;
    this.store = store;
    this.workAhead = workAhead;
  }

  /** Begins signing the ACCEPTED receipt while the message is recorded, counter-signed and sent. */
  public void signAcceptedAhead(InboundMessage message) {
    message.acceptedReceipt(workAhead.start(() -> build(message, ReceiptStatus.ACCEPTED, message)));
  }

  /** The ACCEPTED answer: the receipt begun ahead (or signed now, if none was), for steps 6 to 8 are done. */
  public Verdict accepted(InboundMessage message) {
    WorkAhead.Task<byte[]> ahead = message.takeAcceptedReceipt();
    byte[] receipt = ahead == null ? build(message, ReceiptStatus.ACCEPTED, message) : ahead.take();
    return new Verdict(202, ReceiptStatus.ACCEPTED, List.of(), receipt);
  }

  /** Answers the duplicate marker thrown by deduplication or recording (see the error handler). */
  public Verdict duplicate(Exchange exchange) {
    InboundMessage message = exchange.getVariable(SwgHeaders.INBOUND_VARIABLE, InboundMessage.class);
    DedupEntry original =
        exchange.getProperty(Exchange.EXCEPTION_CAUGHT, InboundMessage.DuplicateSubmission.class).original();
    try {
      store.recordResubmission(original.messagePk(), message.channel().name());
    } catch (DataAccessException e) {
      // The answer stands either way (the original is accepted and forwarded once); only the
      // evidence of this resubmission is missing, and the operator is told.
      log.warn("identical resubmission of message #{} answered DUPLICATE but not recorded: {}",
          original.messagePk(), e.getMessage());
    }
    EnvelopeHeader header = message.header();
    byte[] receipt = receiptFactory.build(new ReceiptFactory.Request(ReceiptStatus.DUPLICATE, original.receivedAt(),
        header.messageId(), header.fromPartyType(), header.fromIdentity(), List.of()));
    return new Verdict(202, ReceiptStatus.DUPLICATE, List.of(), receipt);
  }

  private byte[] build(InboundMessage message, ReceiptStatus status, InboundMessage source) {
    EnvelopeHeader header = source.header();
    return receiptFactory.build(new ReceiptFactory.Request(status, message.receivedAt(),
        header.messageId(), header.fromPartyType(), header.fromIdentity(), List.of()));
  }
}
