package vn.customs.swg.inbound;

import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.admission.AdmittedEnvelope;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.signature.MessageSigner;

/**
 * Step 7, counter-sign: adds the Routing block (ENVELOPE.md section 4) after Body and the system
 * signature over Header, Body, Routing and the sender's signature, binding the gateway's verdict
 * to the exact signature it checked. Works on the document parsed at admission: no second parse.
 */
@Component("counterSigning")
public class CounterSigning {

  static final String NS = "urn:vn:customs:swg:envelope:1";

  private final MessageSigner signer;
  private final String gatewayId;

  public CounterSigning(MessageSigner signer, GatewayProperties properties) {
    this.signer = signer;
    this.gatewayId = properties.nodeId();
  }

  public InboundMessage counterSign(InboundMessage message) {
    AdmittedEnvelope envelope = message.envelope();
    Document document = envelope.document();
    Element routing = document.createElementNS(NS, "swg:Routing");
    routing.setAttributeNS(null, "Id", "routing");
    append(routing, "gatewayId", gatewayId);
    append(routing, "receivedAt", message.receivedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    append(routing, "channel", message.channel().name());
    append(routing, "partner", message.sender().id());
    append(routing, "destination", message.messageType().queue());
    append(routing, "senderCertificate", message.trust().fingerprint());
    Node afterBody = envelope.bodyElement().getNextSibling();
    document.getDocumentElement().insertBefore(routing, afterBody);
    signer.signAsGateway(document);
    message.forwardedEnvelope(XmlOutput.toBytes(document));
    return message;
  }

  private static void append(Element parent, String name, String text) {
    Element child = parent.getOwnerDocument().createElementNS(NS, "swg:" + name);
    child.setTextContent(text);
    parent.appendChild(child);
  }
}
