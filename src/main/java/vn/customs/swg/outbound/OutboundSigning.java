package vn.customs.swg.outbound;

import org.springframework.stereotype.Component;
import vn.customs.swg.RoutingBlock;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.config.GatewayProperties.PartnerChannel;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.signature.MessageSigner;

/**
 * Outbound step 3, counter-sign: the Routing block (which partner, over which channel, to which
 * destination) and the system signature over Header, Body and Routing. Back-ends do not sign; the
 * partner verifies Customs by this signature.
 */
@Component("outboundSigning")
public class OutboundSigning {

  private final MessageSigner signer;
  private final String gatewayId;

  public OutboundSigning(MessageSigner signer, GatewayProperties properties) {
    this.signer = signer;
    this.gatewayId = properties.nodeId();
  }

  public OutboundMessage counterSign(OutboundMessage message) {
    Partner partner = message.receiver();
    String destination = destinationOf(partner);
    // The envelope schema's channel values are HTTP, JMS and ASW: a pull inbox is read over HTTP.
    String channel = partner.channel() == PartnerChannel.JMS ? "JMS" : "HTTP";
    new RoutingBlock(gatewayId, message.receivedAt(), channel, partner.id(), destination, null)
        .addTo(message.envelope());
    signer.signAsGateway(message.envelope().document());
    message.signedEnvelope(XmlOutput.toBytes(message.envelope().document()));
    message.destination(destination);
    return message;
  }

  static String destinationOf(Partner partner) {
    return switch (partner.channel()) {
      case JMS -> partner.outboundQueue();
      case PULL -> "inbox:" + partner.id();
      case HTTP -> String.valueOf(partner.delivery().url());
    };
  }
}
