package vn.customs.swg.trust;

import java.security.cert.X509Certificate;
import java.util.List;
import vn.customs.swg.trust.revocation.RevocationAnswer;

/**
 * The outcome of a successful certificate check, kept as evidence on the message record: the
 * validated path and the revocation answer the signing certificate was accepted on.
 *
 * @param signingCertificate the certificate that was validated
 * @param path the validated path, signer first, anchor excluded
 * @param revocation how revocation was settled for the whole path
 * @param signerRevocation the answer for the signing certificate (UNAVAILABLE when soft-failed)
 */
public record TrustDecision(X509Certificate signingCertificate, List<X509Certificate> path, Revocation revocation,
    RevocationAnswer signerRevocation) {

  /** How revocation was settled. */
  public enum Revocation {

    /** Every certificate of the path has a GOOD answer. */
    GOOD,
    /** No answer could be had and the partner's policy is soft-fail: accepted, flagged, counted. */
    SOFT_FAIL
  }

  public String fingerprint() {
    return PemCertificates.sha256Fingerprint(signingCertificate);
  }
}
