package vn.customs.swg.inbound;

import org.springframework.stereotype.Component;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.partner.PartnerRegistry;
import vn.customs.swg.partner.PartyKind;
import vn.customs.swg.signature.SenderSignatureVerifier;
import vn.customs.swg.signature.VerifiedSignature;
import vn.customs.swg.trust.CertificateTrustValidator;

/**
 * Step 2, authenticate, in its fixed order: who the envelope claims to be from; the sender
 * signature and what it covers; the certificate's path to that partner's own anchors; the
 * certificate being one registered to that partner; the transport identity agreeing with it.
 * The claimed sender is only a lookup key until the last of these has passed.
 */
@Component("senderAuthentication")
public class SenderAuthentication {

  private final PartnerRegistry partners;
  private final SenderSignatureVerifier signatureVerifier;
  private final CertificateTrustValidator trustValidator;

  public SenderAuthentication(
      PartnerRegistry partners, SenderSignatureVerifier signatureVerifier, CertificateTrustValidator trustValidator) {
    this.partners = partners;
    this.signatureVerifier = signatureVerifier;
    this.trustValidator = trustValidator;
  }

  public InboundMessage identifyClaimedSender(InboundMessage message) {
    EnvelopeHeader header = message.header();
    PartyKind kind = PartyKind.valueOf(header.fromPartyType());
    Partner partner = partners.findByIdentity(kind, header.fromIdentity()).orElseThrow(() ->
        new MessageRejectedException(ErrorCode.SEC_009,
            "no partner is registered as " + kind + " " + header.fromIdentity(), "/swg:Envelope/swg:Header/swg:From", null));
    message.sender(partner);
    return message;
  }

  public InboundMessage verifySignature(InboundMessage message) {
    VerifiedSignature signature =
        signatureVerifier.verify(message.envelope().document(), message.sender().legacySha1());
    message.signature(signature);
    return message;
  }

  public InboundMessage validateCertificate(InboundMessage message) {
    VerifiedSignature signature = message.signature();
    message.trust(trustValidator.validate(
        signature.signingCertificate(), signature.presentedCertificates(), message.sender().trust()));
    return message;
  }

  public InboundMessage bindCertificateToSender(InboundMessage message) {
    if (!message.sender().signsWith(message.signature().signingCertificate())) {
      throw new MessageRejectedException(ErrorCode.SEC_009, "the signing certificate is not registered for partner "
          + message.sender().id() + " (" + message.header().fromIdentity() + ")");
    }
    return message;
  }

  public InboundMessage matchTransportIdentity(InboundMessage message) {
    String transportPartner = message.transportPartnerId();
    if (transportPartner != null && !transportPartner.equals(message.sender().id())) {
      throw new MessageRejectedException(ErrorCode.SEC_010,
          "the transport authenticated partner " + transportPartner + ", the envelope is From " + message.sender().id());
    }
    return message;
  }
}
