package vn.customs.swg.admission;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A message that passed admission: its DOM, its header fields, the elements later steps work on
 * and the exact bytes received (kept for evidence, dedup digests and signature checks). The
 * elements belong to {@code document}; a DOM is not safe for concurrent use, so one message is
 * handled by one thread at a time. The byte array is shared, not copied: nobody may change it.
 *
 * @param headerElement the {@code swg:Header} element (signed by the sender)
 * @param bodyElement the {@code swg:Body} element (signed by the sender)
 * @param bodyDocument the single business document inside Body
 */
public record AdmittedEnvelope(
    Document document,
    EnvelopeHeader header,
    Element headerElement,
    Element bodyElement,
    Element bodyDocument,
    byte[] bytes) {

  /** The {@code swg:Routing} element, or null (admission refuses it from partners). */
  public Element routingElement() {
    return EnvelopeReader.child(document.getDocumentElement(), "Routing");
  }

  /** The {@code swg:Signatures} element, or null when the message is unsigned. */
  public Element signaturesElement() {
    return EnvelopeReader.child(document.getDocumentElement(), "Signatures");
  }
}
