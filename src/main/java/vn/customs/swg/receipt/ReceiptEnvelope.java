package vn.customs.swg.receipt;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The unsigned receipt envelope of ENVELOPE.md section 5, whoever issues it: the gateway (then
 * signed with the system signature) or a partner answering a push (then signed with its sender
 * signature). Times are written as given, to the millisecond; callers choose the zone (GMT+7).
 *
 * @param toPartyType null, with toIdentity, when the receiver could not be identified
 * @param refToMessageId null when the answered messageId could not be read
 */
public record ReceiptEnvelope(String fromPartyType, String fromIdentity, String toPartyType, String toIdentity,
    String messageId, OffsetDateTime sentAt, String refToMessageId, ReceiptStatus status, OffsetDateTime receivedAt,
    List<ReceiptFactory.ReceiptError> errors) {

  private static final String NS = "urn:vn:customs:swg:envelope:1";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  private static final DocumentBuilderFactory FACTORY = newFactory();

  public Document toDocument() {
    Document document = newDocument();
    Element envelope = document.createElementNS(NS, "swg:Envelope");
    envelope.setAttributeNS(null, "version", "1.0");
    document.appendChild(envelope);

    Element header = child(envelope, "Header");
    header.setAttributeNS(null, "Id", "header");
    Element reference = child(header, "Reference");
    text(reference, "messageId", messageId);
    text(reference, "refToMessageId", refToMessageId);
    text(reference, "sentAt", time(sentAt));
    Element from = child(header, "From");
    text(from, "partyType", fromPartyType);
    text(from, "identity", fromIdentity);
    if (toIdentity != null && toPartyType != null) {
      Element to = child(header, "To");
      text(to, "partyType", toPartyType);
      text(to, "identity", toIdentity);
    }
    Element subject = child(header, "Subject");
    text(subject, "messageType", "RECEIPT");
    text(subject, "function", "RECEIPT");

    Element body = child(envelope, "Body");
    body.setAttributeNS(null, "Id", "body");
    Element receipt = child(body, "Receipt");
    text(receipt, "status", status.name());
    text(receipt, "receivedAt", time(receivedAt));
    for (ReceiptFactory.ReceiptError error : errors) {
      Element line = child(receipt, "error");
      text(line, "code", error.code().code());
      text(line, "retryable", Boolean.toString(error.code().retryable()));
      language(text(line, "text", error.code().english()), "en");
      language(text(line, "text", error.code().vietnamese()), "vi");
      text(line, "location", error.location());
    }
    return document;
  }

  private static String time(OffsetDateTime time) {
    return time.truncatedTo(ChronoUnit.MILLIS).format(TIME);
  }

  private static Document newDocument() {
    // a factory is not guaranteed thread-safe, even for newDocumentBuilder()
    synchronized (FACTORY) {
      try {
        return FACTORY.newDocumentBuilder().newDocument();
      } catch (ParserConfigurationException e) {
        throw new IllegalStateException("the JDK's DOM implementation is unavailable", e);
      }
    }
  }

  // One factory for every receipt: DocumentBuilderFactory.newInstance() searches the class path
  // for a provider on every call (about 1% of the gateway's time per message in the inbound
  // profile). Only empty documents are made with it, nothing is parsed: always the JDK's DOM.
  private static DocumentBuilderFactory newFactory() {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    factory.setNamespaceAware(true);
    return factory;
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
