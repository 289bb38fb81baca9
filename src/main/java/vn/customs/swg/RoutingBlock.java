package vn.customs.swg;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.customs.swg.admission.AdmittedEnvelope;

/**
 * Writes the gateway-only Routing block (ENVELOPE.md section 4) after Body, in both directions:
 * where the gateway got a message, from whom, and where it sends it. The system signature that
 * follows covers it.
 *
 * @param channel HTTP, JMS or ASW (the schema's channel values; a pull inbox is HTTP)
 * @param senderCertificate SHA-256 fingerprint of the verified sender certificate, or null when
 *     the message had no sender signature (back-end messages)
 */
public record RoutingBlock(String gatewayId, OffsetDateTime receivedAt, String channel, String partner,
    String destination, String senderCertificate) {

  private static final String NS = "urn:vn:customs:swg:envelope:1";

  public void addTo(AdmittedEnvelope envelope) {
    Document document = envelope.document();
    Element routing = document.createElementNS(NS, "swg:Routing");
    routing.setAttributeNS(null, "Id", "routing");
    append(routing, "gatewayId", gatewayId);
    append(routing, "receivedAt", receivedAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    append(routing, "channel", channel);
    append(routing, "partner", partner);
    append(routing, "destination", destination);
    if (senderCertificate != null) {
      append(routing, "senderCertificate", senderCertificate);
    }
    document.getDocumentElement().insertBefore(routing, envelope.bodyElement().getNextSibling());
  }

  private static void append(Element parent, String name, String text) {
    Element child = parent.getOwnerDocument().createElementNS(NS, "swg:" + name);
    child.setTextContent(text);
    parent.appendChild(child);
  }
}
