package vn.customs.swg.cli;

import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import vn.customs.swg.config.GatewayProperties.RevocationPolicy;
import vn.customs.swg.trust.TrustDecision;
import vn.customs.swg.trust.revocation.RevocationChecker;
import vn.customs.swg.trust.revocation.RevocationSettings;
import vn.customs.swg.trust.revocation.RevocationSources;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Document;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.signature.GatewaySignatureVerifier;
import vn.customs.swg.signature.SenderSignatureVerifier;
import vn.customs.swg.signature.SignatureProfile;
import vn.customs.swg.signature.VerifiedSignature;
import vn.customs.swg.trust.CertificateTrustValidator;
import vn.customs.swg.trust.PartnerTrust;
import vn.customs.swg.trust.PemCertificates;

/**
 * Checks every signature an envelope carries, each on its own fresh parse of the same bytes: the
 * SenderSignature with the gateway's strict sender profile, on a copy without the SystemSignature
 * (which the sender never signed, and which the strict verifier refuses as a second signature;
 * Routing stays, it is outside the sender's references), and the SystemSignature with
 * {@link GatewaySignatureVerifier}. Each signer must then chain (PKIX, intermediates from KeyInfo)
 * to one of the given CA certificates and be valid now. Trust is only "issued under these CAs":
 * to accept the gateway alone, give its issuing CA rather than a shared root.
 */
final class EnvelopeChecker {

  /** One signature's verdict; {@code signer} and {@code reason} may be null. */
  record Outcome(String signature, boolean verified, String signer, String reason) {

    String line() {
      return String.format("%-16s %-7s %s%s", signature, verified ? "OK" : "FAILED",
          signer == null ? "-" : signer, reason == null ? "" : "  (" + reason + ")");
    }
  }

  private final HardenedXmlParser parser = HardenedXmlParser.withDefaults();
  private final SignatureProfile profile = new SignatureProfile();
  private final PartnerTrust trust;
  private final CertificateTrustValidator validator;

  EnvelopeChecker(PartnerTrust trust, Clock clock) {
    this.trust = trust;
    // The CLI fetches nothing: no URL is allowed, and a missing revocation answer is reported,
    // not fatal (soft-fail). Path, validity and key usage are checked exactly as by the gateway.
    this.validator = new CertificateTrustValidator(clock, new RevocationChecker(new RevocationSettings(
        Duration.ofSeconds(5), 10L * 1024 * 1024, List.of(), Duration.ofMinutes(5), 100, Duration.ofMinutes(5)), clock));
  }

  /** Trust in every certificate of these PEM files, as anchors. */
  static PartnerTrust trusting(List<Path> caFiles, String option) {
    Set<TrustAnchor> anchors = new LinkedHashSet<>();
    for (Path file : caFiles) {
      for (X509Certificate certificate : PemCertificates.read(file, option)) {
        anchors.add(new TrustAnchor(certificate, null));
      }
    }
    return new PartnerTrust(anchors, List.of(), RevocationPolicy.SOFT_FAIL, RevocationSources.FROM_CERTIFICATE);
  }

  /** The verdicts for the signatures present, SenderSignature first; empty when there is none. */
  List<Outcome> check(byte[] envelope) {
    Document document = parser.parse(envelope);
    List<Outcome> outcomes = new ArrayList<>();
    if (EnvelopeParts.has(document, "Signatures", "SenderSignature")) {
      Document copy = parser.parse(envelope);
      EnvelopeParts.removeSignature(copy, "SystemSignature");
      outcomes.add(outcome("SenderSignature",
          () -> new SenderSignatureVerifier(profile).verify(copy, false)));
    }
    if (EnvelopeParts.has(document, "Signatures", "SystemSignature")) {
      Document copy = parser.parse(envelope);
      outcomes.add(outcome("SystemSignature", () -> new GatewaySignatureVerifier(profile).verify(copy)));
    }
    return outcomes;
  }

  /** Parses bytes with the same hardened parser the gateway uses. */
  Document parse(byte[] bytes) {
    return parser.parse(bytes);
  }

  private Outcome outcome(String name, SignatureCheck check) {
    VerifiedSignature signature;
    try {
      signature = check.verify();
    } catch (MessageRejectedException e) {
      return new Outcome(name, false, null, e.getMessage());
    }
    String signer = signature.signingCertificate().getSubjectX500Principal().getName();
    try {
      TrustDecision decision =
          validator.validate(signature.signingCertificate(), signature.presentedCertificates(), trust);
      return new Outcome(name, true, signer,
          decision.revocation() == TrustDecision.Revocation.SOFT_FAIL ? "revocation not checked" : null);
    } catch (MessageRejectedException e) {
      return new Outcome(name, false, signer, e.getMessage());
    }
  }

  @FunctionalInterface
  private interface SignatureCheck {
    VerifiedSignature verify();
  }
}
