package vn.customs.swg.monitoring;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code gatewayKey} health component: can the gateway sign what it must sign (receipts,
 * counter-signatures)? UP when the signing key is loaded, its certificate is within its validity
 * period, and a signature made with the key over a random challenge verifies with the
 * certificate's public key (the key and certificate belong together and the provider works, which
 * matters once the key lives in an HSM). DOWN otherwise: a gateway that cannot sign must not take
 * traffic, it would answer every partner with receipts they cannot verify. The answer is kept for
 * {@link #CHECK_INTERVAL}, so probes every few seconds cost one signature a minute. Details name the
 * certificate (subject, serial, notAfter), never the key.
 */
public final class GatewayKeyHealthIndicator implements HealthIndicator {

  static final Duration CHECK_INTERVAL = Duration.ofMinutes(1);

  private final PrivateKey key;
  private final X509Certificate certificate;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private volatile Checked last;

  private record Checked(Instant at, Health health) {}

  /**
   * @param key the gateway's signing key, null if none could be loaded
   * @param certificate the key's certificate (the first of its chain)
   */
  public GatewayKeyHealthIndicator(PrivateKey key, X509Certificate certificate, Clock clock) {
    this.key = key;
    this.certificate = certificate;
    this.clock = clock;
  }

  @Override
  public Health health() {
    Instant now = clock.instant();
    Checked checked = last;
    if (checked == null || !now.isBefore(checked.at().plus(CHECK_INTERVAL)) || now.isBefore(checked.at())) {
      checked = new Checked(now, check(now));
      last = checked;
    }
    return checked.health();
  }

  private Health check(Instant now) {
    if (key == null || certificate == null) {
      return Health.down().withDetail("reason", "no signing key loaded: configure gateway.signing-key").build();
    }
    Health.Builder health = Health.up()
        .withDetail("subject", certificate.getSubjectX500Principal().getName())
        .withDetail("serial", certificate.getSerialNumber().toString(16))
        .withDetail("notAfter", certificate.getNotAfter().toInstant())
        .withDetail("checkedAt", now);
    if (now.isAfter(certificate.getNotAfter().toInstant())) {
      return health.down().withDetail("reason", "the signing certificate expired at "
          + certificate.getNotAfter().toInstant() + ": renew gateway.signing-key").build();
    }
    if (now.isBefore(certificate.getNotBefore().toInstant())) {
      return health.down().withDetail("reason", "the signing certificate is not valid before "
          + certificate.getNotBefore().toInstant()).build();
    }
    try {
      if (!testSignatureVerifies()) {
        return health.down().withDetail("reason",
            "a test signature does not verify with the certificate's public key: key and certificate do not match")
            .build();
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      return health.down().withDetail("reason", "the test signature failed: " + e.getClass().getSimpleName()).build();
    }
    return health.build();
  }

  private boolean testSignatureVerifies() throws GeneralSecurityException {
    byte[] challenge = new byte[32];
    random.nextBytes(challenge);
    String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(challenge);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(challenge);
    return verifier.verify(signature);
  }
}
