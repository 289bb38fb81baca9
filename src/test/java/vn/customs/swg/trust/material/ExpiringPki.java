package vn.customs.swg.trust.material;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.testsupport.TestPki;

/**
 * A bank "vcb" with two registered certificates, one expiring in 10 days and one in 60, under a
 * CA valid for ten years; and a gateway chain whose signing certificate expires when asked.
 * Subjects are given to BouncyCastle most significant first, so they read "CN=...,O=Test" in RFC 2253.
 * Everything is seen from a clock fixed at {@link #now}.
 */
final class ExpiringPki {

  final Instant now = TrustFixture.nowToTheSecond();
  final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
  final TestPki.Ca bankCa = TestPki.rootCa("O=Test,CN=Test Bank CA");
  final X509Certificate inTenDays = TrustFixture.expiringAt(bankCa, "O=Test,CN=VCB Signing 10d", now.plus(Duration.ofDays(10)));
  final X509Certificate inSixtyDays = TrustFixture.expiringAt(bankCa, "O=Test,CN=VCB Signing 60d", now.plus(Duration.ofDays(60)));
  final Map<String, GatewayProperties.Partner> partners;

  ExpiringPki(Path dir) {
    Path anchor = TrustFixture.writePem(dir.resolve("bank-ca.pem"), bankCa.certificate());
    Path soon = TrustFixture.writePem(dir.resolve("vcb-10d.pem"), inTenDays);
    Path later = TrustFixture.writePem(dir.resolve("vcb-60d.pem"), inSixtyDays);
    partners = Map.of("vcb", TrustFixture.bank("01203001", List.of(anchor), List.of(), List.of(soon, later)));
  }

  PartnerDirectory directory() {
    return TrustFixture.directory(partners, clock);
  }

  /** The gateway's chain as in its keystore: signing certificate, intermediate CA, root. */
  List<X509Certificate> gatewayChain(Duration signingCertificateValidFor) {
    TestPki.Ca root = TestPki.rootCa("O=Test,CN=Test Gateway Root");
    TestPki.Ca intermediate = root.issueCa("O=Test,CN=Test Gateway CA");
    X509Certificate signing = TrustFixture.expiringAt(intermediate, "O=Test,CN=Test Gateway",
        now.plus(signingCertificateValidFor));
    return List.of(signing, intermediate.certificate(), root.certificate());
  }

  CertificateExpiryWatch watch(PartnerDirectory directory, List<X509Certificate> gatewayChain) {
    return new CertificateExpiryWatch(directory::current, gatewayChain, Duration.ofDays(30), clock);
  }
}
