package vn.customs.swg.admission;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;

/**
 * Reads the envelope's header fields and parts from a parsed document by walking the DOM (no
 * XPath, no second parse). It is meant for documents that passed the envelope schema, but does
 * not trust that: a missing required element, a Body without exactly one element or a
 * {@code sentAt} that is not an offset date-time is {@link ErrorCode#ENV_002}.
 */
public final class EnvelopeReader {

  /** The envelope namespace, version 1. */
  public static final String NAMESPACE = "urn:vn:customs:swg:envelope:1";

  /** Reads an envelope whose root element is {@code swg:Envelope}. */
  public AdmittedEnvelope read(Document document, byte[] bytes) {
    Element envelope = document.getDocumentElement();
    if (!isEnvelopeElement(envelope, "Envelope")) {
      throw new MessageRejectedException(ErrorCode.ENV_002, "the root element is not {" + NAMESPACE + "}Envelope",
          NodePath.of(envelope), null);
    }
    Element header = required(envelope, "Header");
    Element body = required(envelope, "Body");
    return new AdmittedEnvelope(document, header(envelope.getAttributeNS(null, "version"), header),
        header, body, singleChild(body), bytes);
  }

  /** Reads the header fields from a {@code swg:Header} element. */
  public EnvelopeHeader header(String version, Element header) {
    Element reference = required(header, "Reference");
    Element from = required(header, "From");
    Element to = child(header, "To"); // optional on receipts; inbound authorisation requires it
    Element subject = required(header, "Subject");
    return new EnvelopeHeader(
        version,
        text(required(reference, "messageId")),
        optionalText(reference, "conversationId"),
        optionalText(reference, "refToMessageId"),
        sentAt(required(reference, "sentAt")),
        text(required(from, "partyType")),
        text(required(from, "identity")),
        optionalText(from, "name"),
        optionalText(to, "partyType"),
        optionalText(to, "identity"),
        optionalText(child(header, "OnBehalfOf"), "identity"),
        text(required(subject, "messageType")),
        text(required(subject, "function")),
        optionalText(subject, "documentReference"));
  }

  /** The first child element of {@code parent} with this local name in the envelope namespace, or null. */
  static Element child(Element parent, String localName) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && isEnvelopeElement(e, localName)) {
        return e;
      }
    }
    return null;
  }

  static boolean isEnvelopeElement(Element element, String localName) {
    return NAMESPACE.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName());
  }

  private static Element required(Element parent, String localName) {
    Element child = child(parent, localName);
    if (child == null) {
      throw new MessageRejectedException(ErrorCode.ENV_002,
          "element " + localName + " is missing in " + parent.getLocalName(), NodePath.of(parent), null);
    }
    return child;
  }

  private static Element singleChild(Element body) {
    Element only = null;
    for (Node n = body.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        if (only != null) {
          throw new MessageRejectedException(ErrorCode.ENV_002, "Body holds more than one element",
              NodePath.of(body), null);
        }
        only = e;
      }
    }
    if (only == null) {
      throw new MessageRejectedException(ErrorCode.ENV_002, "Body holds no document", NodePath.of(body), null);
    }
    return only;
  }

  private static OffsetDateTime sentAt(Element sentAt) {
    try {
      return OffsetDateTime.parse(text(sentAt));
    } catch (DateTimeParseException e) {
      throw new MessageRejectedException(ErrorCode.ENV_002, "sentAt is not a date-time with an offset",
          NodePath.of(sentAt), null);
    }
  }

  private static String optionalText(Element parent, String localName) {
    Element child = child(parent, localName);
    return child == null ? null : text(child);
  }

  private static String text(Element element) {
    return element.getTextContent().strip();
  }
}
