package vn.customs.swg.inbound;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.partner.PartyKind;
import vn.customs.swg.signature.SenderSignatureVerifier;
import vn.customs.swg.signature.VerifiedSignature;
import vn.customs.swg.trust.CertificateTrustValidator;
import vn.customs.swg.trust.TrustDecision;
import vn.customs.swg.trust.material.PartnerDirectory;

/**
 * Step 2, authenticate, in its fixed order: who the envelope claims to be from; the sender
 * signature and what it covers; the certificate's path to that partner's own anchors and the
 * revocation status of that path under the partner's policy; the
 * certificate being one registered to that partner; the transport identity agreeing with it.
 * The claimed sender is only a lookup key until the last of these has passed.
 */
@Component("senderAuthentication")
public class SenderAuthentication {

  private final PartnerDirectory partners;
  private final SenderSignatureVerifier signatureVerifier;
  private final CertificateTrustValidator trustValidator;
  private final MeterRegistry meters;

  public SenderAuthentication(PartnerDirectory partners, SenderSignatureVerifier signatureVerifier,
      CertificateTrustValidator trustValidator, MeterRegistry meters) {
    this.partners = partners;
    this.signatureVerifier = signatureVerifier;
    this.trustValidator = trustValidator;
    this.meters = meters;
  }

  public InboundMessage identifyClaimedSender(InboundMessage message) {
    EnvelopeHeader header = message.header();
    PartyKind kind = PartyKind.valueOf(header.fromPartyType());
    // One version of the trust material for the whole message, even if a reload swaps it meanwhile.
    Partner partner = partners.current().findByIdentity(kind, header.fromIdentity()).orElseThrow(() ->
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
    TrustDecision decision = trustValidator.validate(
        signature.signingCertificate(), signature.presentedCertificates(), message.sender().trust());
    if (decision.revocation() == TrustDecision.Revocation.SOFT_FAIL) {
      // Accepted under the partner's soft-fail policy: flagged on the record, and counted here.
      meters.counter("swg.revocation.soft.fail", "partner", message.sender().id()).increment();
    }
    message.trust(decision);
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
