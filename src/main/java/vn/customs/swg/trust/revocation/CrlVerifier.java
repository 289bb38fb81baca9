package vn.customs.swg.trust.revocation;

import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;

/**
 * Decides what a CRL says about one certificate, if it may speak for it at all: the CRL issuer is
 * the certificate's issuer (RFC 5280 6.3.3 (b), direct CRLs only), that issuer may sign CRLs
 * (cRLSign, 6.3.3 (f)), the signature verifies with the issuer's key (6.3.3 (g)), its scope covers
 * this kind of certificate (issuing distribution point, 5.2.5), and it is current (thisUpdate not
 * in the future, nextUpdate not passed, with the configured skew). Then the serial is in the list
 * (REVOKED, with the revocation date) or it is not (GOOD).
 */
final class CrlVerifier {

  /** keyUsage bit 6 (RFC 5280 4.2.1.3). */
  private static final int CRL_SIGN = 6;

  private final Clock clock;
  private final Duration skew;

  CrlVerifier(Clock clock, Duration skew) {
    this.clock = clock;
    this.skew = skew;
  }

  RevocationAnswer status(CachedCrl cached, X509Certificate certificate, X509Certificate issuer)
      throws UnusableSourceException {
    X509CRL crl = cached.crl();
    if (!crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())
        || !crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      throw new UnusableSourceException("CRL issued by " + crl.getIssuerX500Principal().getName()
          + ", not by the certificate's issuer " + certificate.getIssuerX500Principal().getName());
    }
    boolean[] keyUsage = issuer.getKeyUsage();
    if (keyUsage != null && (keyUsage.length <= CRL_SIGN || !keyUsage[CRL_SIGN])) {
      throw new UnusableSourceException("the issuer's key usage does not include cRLSign");
    }
    String algorithm = crl.getSigAlgName().toUpperCase(java.util.Locale.ROOT);
    if (algorithm.startsWith("MD2") || algorithm.startsWith("MD5")) {
      // RFC 6151: MD2/MD5 signatures are forgeable.
      throw new UnusableSourceException("CRL signed with a broken algorithm (" + crl.getSigAlgName() + ")");
    }
    verifySignature(cached, issuer.getPublicKey());
    checkScope(crl, certificate);
    Instant now = clock.instant();
    if (cached.thisUpdate().isAfter(now.plus(skew))) {
      throw new UnusableSourceException("thisUpdate " + cached.thisUpdate() + " is in the future");
    }
    if (cached.nextUpdate().isBefore(now.minus(skew))) {
      throw new UnusableSourceException("stale: nextUpdate " + cached.nextUpdate() + " has passed");
    }
    String number = cached.crlNumber() == null ? "" : " #" + cached.crlNumber();
    X509CRLEntry entry = crl.getRevokedCertificate(certificate.getSerialNumber());
    if (entry != null) {
      // Any entry counts, certificateHold included: on hold is not good (RFC 5280 5.3.1).
      Instant revokedAt = entry.getRevocationDate().toInstant();
      String reason = entry.getRevocationReason() == null ? "" : ", reason " + entry.getRevocationReason();
      return new RevocationAnswer(RevocationAnswer.Status.REVOKED, RevocationAnswer.Source.CRL, cached.thisUpdate(),
          cached.nextUpdate(), cached.crlNumber(), null, revokedAt,
          "revoked at " + revokedAt + reason + " per CRL" + number + " from " + cached.url());
    }
    return new RevocationAnswer(RevocationAnswer.Status.GOOD, RevocationAnswer.Source.CRL, cached.thisUpdate(),
        cached.nextUpdate(), cached.crlNumber(), null, null, "good per CRL" + number + " from " + cached.url());
  }

  private static void verifySignature(CachedCrl cached, PublicKey issuerKey) throws UnusableSourceException {
    if (cached.verifiedWith().contains(issuerKey)) {
      return;
    }
    try {
      cached.crl().verify(issuerKey);
    } catch (Exception e) {
      throw new UnusableSourceException("CRL signature does not verify with the issuer's key");
    }
    cached.verifiedWith().add(issuerKey);
  }

  /** RFC 5280 5.2.5: a CRL limited to CA or to end-entity certificates says nothing about the other kind. */
  private static void checkScope(X509CRL crl, X509Certificate certificate) throws UnusableSourceException {
    IssuingDistributionPoint idp = CrlClient.issuingDistributionPoint(crl);
    if (idp == null) {
      return;
    }
    boolean isCa = certificate.getBasicConstraints() >= 0;
    if ((idp.onlyContainsCACerts() && !isCa) || (idp.onlyContainsUserCerts() && isCa)) {
      throw new UnusableSourceException("CRL scope (issuing distribution point) does not cover this certificate");
    }
  }
}
