package vn.customs.swg.inbound;

import org.springframework.stereotype.Component;
import vn.customs.swg.RoutingBlock;
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

  private final MessageSigner signer;
  private final String gatewayId;

  public CounterSigning(MessageSigner signer, GatewayProperties properties) {
    this.signer = signer;
    this.gatewayId = properties.nodeId();
  }

  public InboundMessage counterSign(InboundMessage message) {
    AdmittedEnvelope envelope = message.envelope();
    new RoutingBlock(gatewayId, message.receivedAt(), message.channel().name(), message.sender().id(),
        message.messageType().queue(), message.trust().fingerprint()).addTo(envelope);
    signer.signAsGateway(envelope.document());
    message.forwardedEnvelope(XmlOutput.toBytes(envelope.document()));
    return message;
  }
}
