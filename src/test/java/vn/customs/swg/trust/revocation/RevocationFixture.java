package vn.customs.swg.trust.revocation;

import vn.customs.swg.testsupport.MutableClock;
import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up: a fresh in-memory PKI, one loopback server answering /ocsp (the issuing CA's
 * responder) and, when a test says so, /crl; an end-entity certificate whose AIA and CRL DP point
 * there; short timeouts so failure paths stay fast. The server is stopped after each test.
 */
abstract class RevocationFixture {

  static final Duration TIMEOUT = Duration.ofMillis(300);
  static final Duration SKEW = Duration.ofMinutes(2);

  final MutableClock clock = new MutableClock();
  RevocationPki pki;
  TestServer server;
  RevocationPki.Responder responder;
  X509Certificate certificate;

  @BeforeEach
  void startServer() {
    pki = new RevocationPki(clock.instant());
    server = TestServer.start();
    responder = pki.responder(clock);
    server.on("/ocsp", responder);
    certificate = pki.endEntity(server.url("/ocsp"), server.url("/crl"));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  RevocationSettings settings(long maxCrlBytes, String... allowedPrefixes) {
    return new RevocationSettings(TIMEOUT, maxCrlBytes, List.of(allowedPrefixes), Duration.ofMinutes(30), 1000, SKEW);
  }

  RevocationChecker checker() {
    return new RevocationChecker(settings(1_000_000, server.prefix()), clock);
  }

  RevocationAnswer check(RevocationChecker checker) {
    return checker.check(certificate, pki.ca.certificate(), RevocationSources.FROM_CERTIFICATE);
  }

  X509Certificate issuer() {
    return pki.ca.certificate();
  }

  /** A current CRL from the issuing CA revoking these certificates an hour ago. */
  X509CRL currentCrl(X509Certificate... revoked) {
    Map<BigInteger, Instant> entries = new java.util.HashMap<>();
    for (X509Certificate c : revoked) {
      entries.put(c.getSerialNumber(), clock.instant().minus(Duration.ofHours(1)));
    }
    return pki.crl(pki.ca, clock.instant().minus(Duration.ofMinutes(5)), clock.instant().plus(Duration.ofHours(6)), entries, 7);
  }

  void serveCrl(X509CRL crl) {
    byte[] der = RevocationPki.der(crl);
    server.on("/crl", body -> der);
  }
}
