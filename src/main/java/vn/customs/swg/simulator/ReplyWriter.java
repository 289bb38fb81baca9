package vn.customs.swg.simulator;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.admission.EnvelopeReader;

/**
 * Puts a back-end's answer in the envelope a back-end sends to {@code swg.outbound} (ENVELOPE.md
 * section 7): unsigned, From CUSTOMS and the customs identity, To the party that sent the request,
 * refToMessageId its messageId, its conversationId kept, a fresh messageId (customs identity + 32
 * upper-case hex digits of a random UUID) and sentAt now at GMT+7. The business document is
 * marshalled from its JAXB object into Body.
 */
final class ReplyWriter {

  private static final String NS = EnvelopeReader.NAMESPACE;
  private static final String CUSTOMS_NAME = "Cục Hải quan";

  private final String customsIdentity;
  private final BusinessDocuments documents;
  private final Clock clock;
  private final DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();

  ReplyWriter(String customsIdentity, BusinessDocuments documents, Clock clock) {
    this.customsIdentity = customsIdentity;
    this.documents = documents;
    this.clock = clock;
    factory.setNamespaceAware(true);
  }

  Document write(EnvelopeHeader request, Answer answer) {
    Document document = newDocument();
    Element envelope = document.createElementNS(NS, "swg:Envelope");
    envelope.setAttributeNS(null, "version", "1.0");
    document.appendChild(envelope);

    Element header = child(envelope, "Header");
    header.setAttributeNS(null, "Id", "header");
    Element reference = child(header, "Reference");
    text(reference, "messageId", customsIdentity + UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT));
    text(reference, "conversationId", request.conversationId());
    text(reference, "refToMessageId", request.messageId());
    text(reference, "sentAt", ReplyTime.text(ReplyTime.now(clock)));
    party(child(header, "From"), "CUSTOMS", customsIdentity, CUSTOMS_NAME);
    party(child(header, "To"), request.fromPartyType(), request.fromIdentity(), null);
    Element subject = child(header, "Subject");
    text(subject, "messageType", answer.messageType());
    text(subject, "function", "RESULT");
    text(subject, "documentReference", answer.documentReference());

    Element body = child(envelope, "Body");
    body.setAttributeNS(null, "Id", "body");
    documents.write(answer.document(), body);
    return document;
  }

  private Document newDocument() {
    try {
      synchronized (factory) {
        return factory.newDocumentBuilder().newDocument();
      }
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's DOM implementation is unavailable", e);
    }
  }

  private static void party(Element party, String partyType, String identity, String name) {
    text(party, "partyType", partyType);
    text(party, "identity", identity);
    text(party, "name", name);
  }

  private static Element child(Element parent, String localName) {
    Element element = parent.getOwnerDocument().createElementNS(NS, "swg:" + localName);
    parent.appendChild(element);
    return element;
  }

  private static void text(Element parent, String localName, String value) {
    if (value != null) {
      child(parent, localName).setTextContent(value);
    }
  }
}
