package vn.customs.swg.trust.material;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.swg.trust.PemCertificates;

/** Days to expiry per certificate and reload outcomes, as an operator's dashboard reads them. */
class TrustMetricsTest {

  @TempDir
  Path dir;

  @Test
  void expiryGaugeShowsDaysLeftForEveryWatchedCertificate() {
    ExpiringPki pki = new ExpiringPki(dir);
    PartnerDirectory directory = pki.directory();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    new TrustMetrics(directory, pki.watch(directory, pki.gatewayChain(Duration.ofDays(-1)))).bindTo(registry);

    assertThat(registry.get("swg.certificate.expiry.days").gauges()).hasSize(6);
    Gauge soon = registry.get("swg.certificate.expiry.days")
        .tags("owner", "vcb", "role", "signing-certificate", "subject", "CN=VCB Signing 10d,O=Test").gauge();
    assertThat(soon.value()).isEqualTo(10.0);
    assertThat(soon.getId().getTag("fingerprint")).isEqualTo(PemCertificates.sha256Fingerprint(pki.inTenDays));
    assertThat(registry.get("swg.certificate.expiry.days").tags("owner", "gateway", "role", "gateway").gauge().value())
        .isCloseTo(-1.0, within(0.001));
  }

  @Test
  void gaugesFollowAReloadAndReloadsAreCountedByOutcome() {
    ExpiringPki pki = new ExpiringPki(dir);
    PartnerDirectory directory = pki.directory();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new TrustMetrics(directory, pki.watch(directory, pki.gatewayChain(Duration.ofDays(365)))).bindTo(registry);
    assertThat(reloads(registry, "success")).isZero();
    assertThat(reloads(registry, "failure")).isZero();

    // The 10-day certificate is withdrawn: its file now holds the 60-day one.
    TrustFixture.writePem(dir.resolve("vcb-10d.pem"), pki.inSixtyDays);
    directory.reload("renewed");
    TrustFixture.write(dir.resolve("vcb-60d.pem"), "garbage");
    directory.reload("broken");

    assertThat(registry.find("swg.certificate.expiry.days").tag("subject", "CN=VCB Signing 10d,O=Test").gauges())
        .isEmpty();
    assertThat(registry.find("swg.certificate.expiry.days").tag("subject", "CN=VCB Signing 60d,O=Test").gauges())
        .singleElement().extracting(Gauge::value).isEqualTo(60.0);
    assertThat(reloads(registry, "success")).isEqualTo(1.0);
    assertThat(reloads(registry, "failure")).isEqualTo(1.0);
  }

  private static double reloads(SimpleMeterRegistry registry, String outcome) {
    return registry.get("swg.trust.reload").tag("outcome", outcome).counter().count();
  }
}
