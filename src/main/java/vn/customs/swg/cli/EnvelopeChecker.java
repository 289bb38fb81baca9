package vn.customs.swg.cli;

import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
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
    this.validator = new CertificateTrustValidator(clock);
  }

  /** Trust in every certificate of these PEM files, as anchors. */
  static PartnerTrust trusting(List<Path> caFiles, String option) {
    Set<TrustAnchor> anchors = new LinkedHashSet<>();
    for (Path file : caFiles) {
      for (X509Certificate certificate : PemCertificates.read(file, option)) {
        anchors.add(new TrustAnchor(certificate, null));
      }
    }
    return new PartnerTrust(anchors, List.of());
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
      validator.validate(signature.signingCertificate(), signature.presentedCertificates(), trust);
      return new Outcome(name, true, signer, null);
    } catch (MessageRejectedException e) {
      return new Outcome(name, false, signer, e.getMessage());
    }
  }

  @FunctionalInterface
  private interface SignatureCheck {
    VerifiedSignature verify();
  }
}
