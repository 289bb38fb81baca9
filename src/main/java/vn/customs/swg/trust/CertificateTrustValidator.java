package vn.customs.swg.trust;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.config.GatewayProperties.RevocationPolicy;
import vn.customs.swg.trust.revocation.RevocationAnswer;
import vn.customs.swg.trust.revocation.RevocationChecker;
import vn.customs.swg.trust.revocation.RevocationSources;

/**
 * Decides whether a signing certificate is trusted for one partner: a PKIX path (JDK) from the
 * certificate to that partner's own anchors, through configured intermediates or those the sender
 * put in KeyInfo (anchors only ever come from configuration), valid at verification time, with a
 * signing key usage; then the revocation status of every certificate in that path, from OCSP or
 * CRL, under the partner's policy. The JDK's own revocation checking stays off: it cannot cache
 * per nextUpdate, bound every fetch, restrict addresses or soft-fail per partner, so
 * {@link RevocationChecker} does it and says exactly which answer the decision rests on.
 */
public final class CertificateTrustValidator {

  private final Clock clock;
  private final RevocationChecker revocation;

  public CertificateTrustValidator(Clock clock, RevocationChecker revocation) {
    this.clock = clock;
    this.revocation = revocation;
  }

  /**
   * @throws MessageRejectedException SWG-SEC-006 when the signer is outside its validity period,
   *     SWG-SEC-007 when a certificate of the path is revoked, SWG-SEC-008 (retryable) when its
   *     status cannot be established under a hard-fail policy, SWG-SEC-005 for every other failure
   */
  public TrustDecision validate(X509Certificate signer, List<X509Certificate> presented, PartnerTrust trust) {
    Date now = Date.from(clock.instant());
    checkValidity(signer, now);
    checkSigningKeyUsage(signer);
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(signer);
      PKIXBuilderParameters parameters = new PKIXBuilderParameters(trust.anchors(), target);
      parameters.setDate(now);
      parameters.setRevocationEnabled(false);
      List<X509Certificate> candidates = new ArrayList<>(trust.intermediates());
      candidates.addAll(presented);
      candidates.add(signer);
      parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(candidates)));
      PKIXCertPathBuilderResult result =
          (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
      CertPath path = result.getCertPath();
      List<X509Certificate> chain = path.getCertificates().stream().map(X509Certificate.class::cast).toList();
      return checkRevocation(signer, chain, result.getTrustAnchor().getTrustedCert(), trust);
    } catch (CertPathBuilderException e) {
      throw rejectionFor(e);
    } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
      throw new MessageRejectedException(ErrorCode.SEC_005, "no usable trust anchors for this partner", e);
    }
  }

  // Each certificate of the path is checked against its issuer: the next one up, or the anchor.
  private TrustDecision checkRevocation(X509Certificate signer, List<X509Certificate> chain, X509Certificate anchor,
      PartnerTrust trust) {
    RevocationAnswer signerAnswer = null;
    boolean softFailed = false;
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate certificate = chain.get(i);
      X509Certificate issuer = i + 1 < chain.size() ? chain.get(i + 1) : anchor;
      // Configured sources are the issuing CA's (ocsp-url, crl-urls): they answer for the signing
      // certificate. Intermediates use their own AIA / CRL distribution points, via the allow-list.
      RevocationSources sources = i == 0 ? trust.revocationSources() : RevocationSources.FROM_CERTIFICATE;
      RevocationAnswer answer = revocation.check(certificate, issuer, sources);
      if (i == 0) {
        signerAnswer = answer;
      }
      switch (answer.status()) {
        case REVOKED -> throw new MessageRejectedException(ErrorCode.SEC_007, (i == 0 ? "signing" : "issuing")
            + " certificate revoked" + (answer.revokedAt() == null ? "" : " on " + answer.revokedAt())
            + " (" + answer.source() + ")");
        case UNAVAILABLE -> {
          if (trust.revocationPolicy() != RevocationPolicy.SOFT_FAIL) {
            throw new MessageRejectedException(ErrorCode.SEC_008,
                "revocation status of " + certificate.getSubjectX500Principal().getName() + " unavailable: "
                    + answer.detail());
          }
          softFailed = true;
        }
        case GOOD -> { }
      }
    }
    if (softFailed) {
      return new TrustDecision(signer, chain, TrustDecision.Revocation.SOFT_FAIL, signerAnswer);
    }
    return new TrustDecision(signer, chain, TrustDecision.Revocation.GOOD, signerAnswer);
  }

  private static void checkValidity(X509Certificate signer, Date now) {
    try {
      signer.checkValidity(now);
    } catch (CertificateExpiredException e) {
      throw new MessageRejectedException(ErrorCode.SEC_006, "signing certificate expired on " + signer.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      throw new MessageRejectedException(ErrorCode.SEC_006, "signing certificate not valid before " + signer.getNotBefore().toInstant());
    }
  }

  // keyUsage bits 0 (digitalSignature) and 1 (nonRepudiation); a certificate without the
  // extension is unrestricted by RFC 5280, but a signing certificate from a CA must state it.
  private static void checkSigningKeyUsage(X509Certificate signer) {
    boolean[] usage = signer.getKeyUsage();
    if (usage == null || !(usage[0] || (usage.length > 1 && usage[1]))) {
      throw new MessageRejectedException(ErrorCode.SEC_005,
          "signing certificate lacks the digitalSignature or nonRepudiation key usage");
    }
  }

  private static MessageRejectedException rejectionFor(CertPathBuilderException e) {
    // The builder reports why the best path failed; an expired CA in the path is a validity problem.
    Throwable cause = e.getCause();
    if (cause instanceof CertPathValidatorException validatorException
        && (validatorException.getReason() == BasicReason.EXPIRED
            || validatorException.getReason() == BasicReason.NOT_YET_VALID)) {
      return new MessageRejectedException(ErrorCode.SEC_006, "a certificate in the path is outside its validity period", e);
    }
    return new MessageRejectedException(ErrorCode.SEC_005,
        "signing certificate does not chain to this partner's trust anchors", e);
  }
}
