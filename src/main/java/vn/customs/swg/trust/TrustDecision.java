package vn.customs.swg.trust;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The outcome of a successful certificate check, kept as evidence on the message record.
 *
 * @param signingCertificate the certificate that was validated
 * @param path the validated path, signer first, anchor excluded
 * @param revocation what revocation checking said; {@code NOT_CHECKED} until revocation lands
 */
public record TrustDecision(X509Certificate signingCertificate, List<X509Certificate> path, Revocation revocation) {

  /** Revocation status the decision was taken on. */
  public enum Revocation {
    NOT_CHECKED,
    GOOD
  }

  public String fingerprint() {
    return PemCertificates.sha256Fingerprint(signingCertificate);
  }
}
