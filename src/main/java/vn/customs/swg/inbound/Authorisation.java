package vn.customs.swg.inbound;

import org.springframework.stereotype.Component;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.catalogue.MessageType;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.partner.PartyKind;

/**
 * Step 3, authorise: the receiver is Customs, the message type exists and travels inbound, and
 * this (now authenticated) partner may send it.
 */
@Component("authorisation")
public class Authorisation {

  private final MessageTypeCatalogue catalogue;
  private final String customsIdentity;

  public Authorisation(MessageTypeCatalogue catalogue, GatewayProperties properties) {
    this.catalogue = catalogue;
    this.customsIdentity = properties.customsIdentity();
  }

  public InboundMessage authorise(InboundMessage message) {
    EnvelopeHeader header = message.header();
    if (header.toPartyType() == null || PartyKind.valueOf(header.toPartyType()) != PartyKind.CUSTOMS
        || !customsIdentity.equals(header.toIdentity())) {
      throw new MessageRejectedException(ErrorCode.RTE_001, "inbound messages are addressed To CUSTOMS "
          + customsIdentity, "/swg:Envelope/swg:Header/swg:To", null);
    }
    MessageType type = catalogue.find(header.messageType())
        .filter(MessageType::inbound)
        .orElseThrow(() -> new MessageRejectedException(ErrorCode.RTE_002,
            "no inbound route for message type " + header.messageType(), "/swg:Envelope/swg:Header/swg:Subject", null));
    if (!message.sender().maySend(type.name()) || !type.senderKinds().contains(message.sender().kind())) {
      throw new MessageRejectedException(ErrorCode.RTE_003,
          "partner " + message.sender().id() + " may not send " + type.name());
    }
    message.messageType(type);
    return message;
  }
}
