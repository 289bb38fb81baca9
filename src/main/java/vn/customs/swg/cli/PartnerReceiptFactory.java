package vn.customs.swg.cli;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.partner.PartyKind;
import vn.customs.swg.signature.SenderSigner;

/**
 * The receipt a partner answers the gateway's push with: the same envelope and {@code Receipt}
 * body as the gateway's own receipts (ENVELOPE.md section 5, valid against envelope-1.xsd), but
 * From the partner, To Customs ({@code CUSTOMS}/{@code TCHQ}) and signed with the partner's key in
 * the sender profile (section 2), so the gateway checks it exactly like a partner's submission.
 * The receipt's own messageId is the partner's identity followed by 32 hex digits; times are
 * GMT+7.
 */
final class PartnerReceiptFactory {

  static final String CUSTOMS_IDENTITY = "TCHQ";

  private static final String NS = EnvelopeParts.NS;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final PartyKind partyType;
  private final String identity;
  private final KeyMaterial key;
  private final Clock clock;

  PartnerReceiptFactory(PartyKind partyType, String identity, KeyMaterial key, Clock clock) {
    this.partyType = partyType;
    this.identity = identity;
    this.key = key;
    this.clock = clock;
  }

  /**
   * @param status ACCEPTED, DUPLICATE or REJECTED
   * @param refToMessageId the received messageId, or null when it could not be read
   * @param errors the codes of a rejection, empty otherwise
   */
  byte[] build(String status, OffsetDateTime receivedAt, String refToMessageId, List<ErrorCode> errors) {
    Document document = newDocument();
    Element envelope = document.createElementNS(NS, "swg:Envelope");
    envelope.setAttributeNS(null, "version", "1.0");
    document.appendChild(envelope);

    Element header = child(envelope, "Header");
    header.setAttributeNS(null, "Id", "header");
    Element reference = child(header, "Reference");
    text(reference, "messageId", identity + UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT));
    text(reference, "refToMessageId", refToMessageId);
    text(reference, "sentAt", time(OffsetDateTime.now(clock).withOffsetSameInstant(FreshReference.VIETNAM)));
    Element from = child(header, "From");
    text(from, "partyType", partyType.name());
    text(from, "identity", identity);
    Element to = child(header, "To");
    text(to, "partyType", PartyKind.CUSTOMS.name());
    text(to, "identity", CUSTOMS_IDENTITY);
    Element subject = child(header, "Subject");
    text(subject, "messageType", "RECEIPT");
    text(subject, "function", "RECEIPT");

    Element body = child(envelope, "Body");
    body.setAttributeNS(null, "Id", "body");
    Element receipt = child(body, "Receipt");
    text(receipt, "status", status);
    text(receipt, "receivedAt", time(receivedAt.withOffsetSameInstant(FreshReference.VIETNAM)));
    for (ErrorCode code : errors) {
      Element error = child(receipt, "error");
      text(error, "code", code.code());
      text(error, "retryable", Boolean.toString(code.retryable()));
      language(text(error, "text", code.english()), "en");
      language(text(error, "text", code.vietnamese()), "vi");
    }
    new SenderSigner().sign(document, key.privateKey(), key.keyInfoChain());
    return XmlOutput.toBytes(document);
  }

  private static String time(OffsetDateTime time) {
    return time.truncatedTo(ChronoUnit.MILLIS).format(TIME);
  }

  private static Document newDocument() {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    try {
      return factory.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's DOM implementation is unavailable", e);
    }
  }

  private static Element child(Element parent, String localName) {
    Element element = parent.getOwnerDocument().createElementNS(NS, "swg:" + localName);
    parent.appendChild(element);
    return element;
  }

  private static Element text(Element parent, String localName, String value) {
    if (value == null) {
      return null;
    }
    Element element = child(parent, localName);
    element.setTextContent(value);
    return element;
  }

  private static void language(Element element, String language) {
    element.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:lang", language);
  }
}
