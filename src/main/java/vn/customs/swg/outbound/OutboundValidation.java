package vn.customs.swg.outbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import org.springframework.stereotype.Component;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.admission.EnvelopeAdmission;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.catalogue.MessageType;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.partner.PartyKind;
import vn.customs.swg.trust.material.PartnerDirectory;

/**
 * Outbound step 1, validate: what a back-end puts on swg.outbound is admitted like a partner's
 * message (size, hardened parse, envelope schema, no gateway-only elements), comes From Customs,
 * goes To a registered partner, is an outbound type of the catalogue, and its Body is valid. A
 * back-end need not sign: the gateway signs what it validated. Anything else is dead-lettered.
 */
@Component("outboundValidation")
public class OutboundValidation {

  private final EnvelopeAdmission admission;
  private final MessageTypeCatalogue catalogue;
  private final PartnerDirectory partners;
  private final String customsIdentity;
  private final Clock clock;

  public OutboundValidation(EnvelopeAdmission admission, MessageTypeCatalogue catalogue, PartnerDirectory partners,
      GatewayProperties properties, Clock clock) {
    this.admission = admission;
    this.catalogue = catalogue;
    this.partners = partners;
    this.customsIdentity = properties.customsIdentity();
    this.clock = clock;
  }

  /** The JMS body (text) as an outbound message. */
  public OutboundMessage receive(String body) {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    OutboundMessage message = new OutboundMessage(OffsetDateTime.now(clock), bytes);
    message.contentDigest(sha256(bytes));
    return message;
  }

  public OutboundMessage validate(OutboundMessage message) {
    message.envelope(admission.admit(message.bytes()));
    EnvelopeHeader header = message.header();
    if (!PartyKind.CUSTOMS.name().equals(header.fromPartyType()) || !customsIdentity.equals(header.fromIdentity())) {
      throw new MessageRejectedException(ErrorCode.SEC_009, "outbound messages come From CUSTOMS " + customsIdentity);
    }
    if (header.toPartyType() == null) {
      throw new MessageRejectedException(ErrorCode.RTE_001, "an outbound message needs To");
    }
    Partner receiver = partners.current().findByIdentity(PartyKind.valueOf(header.toPartyType()), header.toIdentity())
        .orElseThrow(() -> new MessageRejectedException(ErrorCode.RTE_001,
            "no partner is registered as " + header.toPartyType() + " " + header.toIdentity()));
    MessageType type = catalogue.find(header.messageType()).filter(t -> !t.inbound())
        .orElseThrow(() -> new MessageRejectedException(ErrorCode.RTE_002,
            "no outbound message type " + header.messageType()));
    admission.validateBody(message.envelope(), type.schema());
    message.receiver(receiver);
    message.messageType(type);
    return message;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
