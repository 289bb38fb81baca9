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
 * Step 9, acknowledge: the signed ACCEPTED receipt, built only after the record and the queue send
 * are durable (the route calls it last); and the DUPLICATE receipt for an identical resubmission,
 * which carries the original acceptance time and is recorded as an event of the original.
 */
@Component("receipts")
public class Receipts {

  private static final Logger log = LoggerFactory.getLogger(Receipts.class);

  private final ReceiptFactory receiptFactory;
  private final MessageStore store;

  public Receipts(ReceiptFactory receiptFactory, MessageStore store) {
    this.receiptFactory = receiptFactory;
    this.store = store;
  }

  public Verdict accepted(InboundMessage message) {
    return new Verdict(202, ReceiptStatus.ACCEPTED, List.of(), build(message, ReceiptStatus.ACCEPTED, message));
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
