package vn.customs.swg.receipt;

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
import vn.customs.swg.signature.MessageSigner;

/**
 * Builds and signs receipts (ENVELOPE.md section 5): an envelope from the gateway to the sender
 * whose Body is a {@code Receipt}, every error with its code, retryability and both texts, signed
 * with the system signature. Rejections never carry secrets or stack traces: only the contract's
 * texts and an optional location.
 */
public final class ReceiptFactory {

  private static final String NS = "urn:vn:customs:swg:envelope:1";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final MessageSigner signer;
  private final Clock clock;
  private final String customsIdentity;
  private final DocumentBuilderFactory documents;

  public ReceiptFactory(MessageSigner signer, Clock clock, String customsIdentity) {
    this.signer = signer;
    this.clock = clock;
    this.customsIdentity = customsIdentity;
    this.documents = DocumentBuilderFactory.newInstance();
    this.documents.setNamespaceAware(true);
  }

  /** One error line of a receipt. */
  public record ReceiptError(ErrorCode code, String location) {}

  /**
   * What a receipt answers.
   *
   * @param refToMessageId the submitted messageId, when it could be read
   * @param toPartyType the sender's partyType, when known
   * @param toIdentity the sender's identity, when known
   */
  public record Request(ReceiptStatus status, OffsetDateTime receivedAt, String refToMessageId,
      String toPartyType, String toIdentity, List<ReceiptError> errors) {}

  public byte[] build(Request request) {
    Document document = newDocument();
    Element envelope = document.createElementNS(NS, "swg:Envelope");
    envelope.setAttributeNS(null, "version", "1.0");
    document.appendChild(envelope);

    Element header = child(envelope, "Header");
    header.setAttributeNS(null, "Id", "header");
    Element reference = child(header, "Reference");
    text(reference, "messageId", customsIdentity + UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT));
    text(reference, "refToMessageId", request.refToMessageId());
    text(reference, "sentAt", OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS).format(TIME));
    Element from = child(header, "From");
    text(from, "partyType", "GATEWAY");
    text(from, "identity", customsIdentity);
    if (request.toIdentity() != null && request.toPartyType() != null) {
      Element to = child(header, "To");
      text(to, "partyType", request.toPartyType());
      text(to, "identity", request.toIdentity());
    }
    Element subject = child(header, "Subject");
    text(subject, "messageType", "RECEIPT");
    text(subject, "function", "RECEIPT");

    Element body = child(envelope, "Body");
    body.setAttributeNS(null, "Id", "body");
    Element receipt = child(body, "Receipt");
    text(receipt, "status", request.status().name());
    // Stored times come back in UTC; receipts speak GMT+7 like every envelope time.
    text(receipt, "receivedAt", request.receivedAt().atZoneSameInstant(clock.getZone()).toOffsetDateTime()
        .truncatedTo(ChronoUnit.MILLIS).format(TIME));
    for (ReceiptError error : request.errors()) {
      Element line = child(receipt, "error");
      text(line, "code", error.code().code());
      text(line, "retryable", Boolean.toString(error.code().retryable()));
      language(text(line, "text", error.code().english()), "en");
      language(text(line, "text", error.code().vietnamese()), "vi");
      text(line, "location", error.location());
    }
    signer.signAsGateway(document);
    return XmlOutput.toBytes(document);
  }

  private Document newDocument() {
    try {
      return documents.newDocumentBuilder().newDocument();
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
