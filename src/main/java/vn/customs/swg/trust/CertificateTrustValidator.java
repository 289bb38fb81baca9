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

/**
 * Decides whether a signing certificate is trusted for one partner: a PKIX path (JDK) from the
 * certificate to that partner's own anchors, through configured intermediates or those the sender
 * put in KeyInfo (anchors only ever come from configuration), valid at verification time, with a
 * signing key usage. Revocation is switched off here on purpose: it plugs in as a
 * {@code PKIXCertPathChecker} / revocation step in the trust issue, and {@link TrustDecision}
 * already carries its verdict.
 */
public final class CertificateTrustValidator {

  private final Clock clock;

  public CertificateTrustValidator(Clock clock) {
    this.clock = clock;
  }

  /**
   * @throws MessageRejectedException SWG-SEC-006 when the signer is outside its validity period,
   *     SWG-SEC-005 for every other path failure
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
      return new TrustDecision(signer, chain, TrustDecision.Revocation.NOT_CHECKED);
    } catch (CertPathBuilderException e) {
      throw rejectionFor(e);
    } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
      throw new MessageRejectedException(ErrorCode.SEC_005, "no usable trust anchors for this partner", e);
    }
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
