package vn.customs.swg.inbound;

import java.util.List;
import org.apache.camel.Exchange;
import vn.customs.swg.SwgHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jms.JmsException;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.partner.PartyKind;
import vn.customs.swg.receipt.ReceiptFactory;
import vn.customs.swg.receipt.ReceiptStatus;
import vn.customs.swg.receipt.Verdict;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.RejectedRecord;

/**
 * The inbound error handler's logic (wired in routes/error-handling.camel.yaml). A rejection from
 * steps 1-5 becomes a recorded REJECTED message and a signed receipt with its code; a failure in
 * steps 6-8 (store or broker) releases the idempotency key and answers retryable SWG-RTE-004, so
 * the sender's resend of the same messageId is safe; anything unexpected is SWG-SYS-001. Nothing
 * reaches a back-end queue on any of these paths.
 */
@Component("rejections")
public class Rejections {

  private static final Logger log = LoggerFactory.getLogger(Rejections.class);
  private static final String NS = "urn:vn:customs:swg:envelope:1";

  private final ReceiptFactory receiptFactory;
  private final MessageStore store;
  private final Recording recording;
  private final HardenedXmlParser parser;
  private final Receipts receipts;

  public Rejections(ReceiptFactory receiptFactory, MessageStore store, Recording recording, HardenedXmlParser parser,
      Receipts receipts) {
    this.receipts = receipts;
    this.receiptFactory = receiptFactory;
    this.store = store;
    this.recording = recording;
    this.parser = parser;
  }

  /** Handles a {@link MessageRejectedException}: the contract's code, recorded and receipted. */
  public Verdict rejected(Exchange exchange) {
    InboundMessage message = exchange.getVariable(SwgHeaders.INBOUND_VARIABLE, InboundMessage.class);
    MessageRejectedException rejection = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, MessageRejectedException.class);
    log.info("rejected {} with {}: {}", message, rejection.errorCode().code(), rejection.getMessage());
    return answer(message, rejection.errorCode(), rejection.location(), rejection.getMessage());
  }

  /** Handles everything else: transient store/broker trouble, or a defect. */
  public Verdict failed(Exchange exchange) {
    InboundMessage message = exchange.getVariable(SwgHeaders.INBOUND_VARIABLE, InboundMessage.class);
    Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    if (message.onBackendQueue()) {
      // Stored as ACCEPTED and on its queue: that is what ACCEPTED promises. Only the DISPATCHED
      // event is missing; keep the key so a resend is a duplicate, not a second delivery.
      log.warn("{} is on its back-end queue but its DISPATCHED state was not recorded: {}", message, failure.toString());
      return receipts.accepted(message);
    }
    ErrorCode code = isBackendOutage(failure) ? ErrorCode.RTE_004 : ErrorCode.SYS_001;
    log.warn("could not complete {}: {} ({})", message, code.code(), failure.toString());
    try {
      recording.releaseAfterFailedDispatch(message, failure.getClass().getSimpleName());
    } catch (RuntimeException storeDown) {
      log.warn("could not release the idempotency key of {}: {}", message, storeDown.toString());
    }
    return answer(message, code, null, failure.getClass().getSimpleName());
  }

  private static boolean isBackendOutage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof JmsException || t instanceof jakarta.jms.JMSException || t instanceof DataAccessException) {
        return true;
      }
    }
    return false;
  }

  private Verdict answer(InboundMessage message, ErrorCode code, String location, String detail) {
    Sender sender = senderOf(message);
    if (message.recordId() == null) {
      recordQuietly(message, sender, code, detail);
    }
    byte[] receipt = receiptFactory.build(new ReceiptFactory.Request(ReceiptStatus.REJECTED, message.receivedAt(),
        sender.messageId(), sender.partyType(), sender.identity(), List.of(new ReceiptFactory.ReceiptError(code, location))));
    return new Verdict(code.httpStatus(), ReceiptStatus.REJECTED, List.of(code), receipt);
  }

  private void recordQuietly(InboundMessage message, Sender sender, ErrorCode code, String detail) {
    try {
      store.recordRejected(new RejectedRecord(
          message.sender() == null ? null : message.sender().id(), sender.messageId(), sender.messageType(),
          sender.identity(), message.channel().name(), message.contentDigest(), List.of(code.code()),
          truncate(detail), message.receivedAt(), message.bytes()));
    } catch (RuntimeException storeDown) {
      // The partner still gets its signed answer; the log line is then the operator's only trace.
      log.error("could not record the rejection of {} ({}): {}", message, code.code(), storeDown.toString());
    }
  }

  private static String truncate(String detail) {
    return detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
  }

  /** Who sent it, as far as it can be read: from admission, or a best-effort look at the bytes. */
  private Sender senderOf(InboundMessage message) {
    EnvelopeHeader header = message.header();
    if (header != null) {
      return new Sender(header.messageId(), header.messageType(), header.fromPartyType(), header.fromIdentity());
    }
    try {
      // Admission failed after a successful parse (schema, version, skew): the parser accepted
      // these bytes once, so reading them again is safe, and happens on the rejection path only.
      Document document = parser.parse(message.bytes());
      return new Sender(first(document, "messageId"), first(document, "messageType"),
          partyType(fromField(document, "partyType")), fromField(document, "identity"));
    } catch (RuntimeException unreadable) {
      return new Sender(null, null, null, null);
    }
  }

  private static String partyType(String value) {
    for (PartyKind kind : PartyKind.values()) {
      if (kind.name().equals(value)) {
        return value;
      }
    }
    return null;
  }

  private static String first(Document document, String localName) {
    NodeList nodes = document.getElementsByTagNameNS(NS, localName);
    return nodes.getLength() == 0 ? null : limit(nodes.item(0).getTextContent());
  }

  private static String fromField(Document document, String localName) {
    NodeList from = document.getElementsByTagNameNS(NS, "From");
    if (from.getLength() == 0) {
      return null;
    }
    NodeList nodes = ((Element) from.item(0)).getElementsByTagNameNS(NS, localName);
    return nodes.getLength() == 0 ? null : limit(nodes.item(0).getTextContent());
  }

  // Values read from an unvalidated document go into a signed receipt and a record: keep them to
  // the contract's shape so a hostile value cannot grow either.
  private static String limit(String value) {
    String trimmed = value.trim();
    return trimmed.matches("[A-Za-z0-9._:-]{1,64}") ? trimmed : null;
  }

  private record Sender(String messageId, String messageType, String partyType, String identity) {}
}
