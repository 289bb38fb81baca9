package vn.customs.swg.inbound;

import java.util.List;
import org.apache.camel.Exchange;
import vn.customs.swg.SwgHeaders;
import org.springframework.stereotype.Component;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.receipt.ReceiptFactory;
import vn.customs.swg.receipt.ReceiptStatus;
import vn.customs.swg.receipt.Verdict;
import vn.customs.swg.store.DedupEntry;

/**
 * Step 9, acknowledge: the signed ACCEPTED receipt, built only after the record and the queue send
 * are durable (the route calls it last); and the DUPLICATE receipt for an identical resubmission,
 * which carries the original acceptance time.
 */
@Component("receipts")
public class Receipts {

  private final ReceiptFactory receiptFactory;

  public Receipts(ReceiptFactory receiptFactory) {
    this.receiptFactory = receiptFactory;
  }

  public Verdict accepted(InboundMessage message) {
    return new Verdict(202, ReceiptStatus.ACCEPTED, List.of(), build(message, ReceiptStatus.ACCEPTED, message));
  }

  /** Answers the duplicate marker thrown by deduplication or recording (see the error handler). */
  public Verdict duplicate(Exchange exchange) {
    InboundMessage message = exchange.getVariable(SwgHeaders.INBOUND_VARIABLE, InboundMessage.class);
    DedupEntry original =
        exchange.getProperty(Exchange.EXCEPTION_CAUGHT, InboundMessage.DuplicateSubmission.class).original();
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
