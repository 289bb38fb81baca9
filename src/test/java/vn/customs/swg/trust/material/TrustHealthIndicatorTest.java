package vn.customs.swg.trust.material;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import vn.customs.swg.testsupport.DevPartner;

/** The trust health component: UP, WARNING when an operator must act, DOWN when the gateway cannot sign. */
class TrustHealthIndicatorTest {

  @TempDir
  Path dir;

  @Test
  void upWhenNothingExpiresWithinTheWindowAndTheLastReloadSucceeded() {
    Clock clock = Clock.systemUTC();
    PartnerDirectory directory = TrustFixture.directory(TrustFixture.devVcb(dir), clock);
    CertificateExpiryWatch watch = new CertificateExpiryWatch(directory::current, DevPartner.gateway().chain(),
        Duration.ofDays(30), clock);

    Health health = new TrustHealthIndicator(directory, watch).health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("partners", 1).containsEntry("expiring", List.of())
        .doesNotContainKeys("warnings", "lastFailure");
  }

  @Test
  void warningListsThePartnerCertificateExpiringWithinTheWindow() {
    ExpiringPki pki = new ExpiringPki(dir);
    PartnerDirectory directory = pki.directory();

    Health health = new TrustHealthIndicator(directory,
        pki.watch(directory, pki.gatewayChain(Duration.ofDays(365)))).health();

    assertThat(health.getStatus()).isEqualTo(TrustHealthIndicator.WARNING);
    assertThat(health.getDetails().get("expiring")).asList().singleElement()
        .isInstanceOfSatisfying(WatchedCertificate.class, c -> {
          assertThat(c.owner()).isEqualTo("vcb");
          assertThat(c.daysLeft()).isEqualTo(10L);
        });
    assertThat(health.getDetails().get("warnings")).asList().singleElement().asString()
        .contains("1 certificate(s) expire within PT720H");
  }

  @Test
  void downWhenTheGatewaySigningCertificateHasExpired() {
    ExpiringPki pki = new ExpiringPki(dir);
    PartnerDirectory directory = pki.directory();

    Health health = new TrustHealthIndicator(directory,
        pki.watch(directory, pki.gatewayChain(Duration.ofDays(-1)))).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("warnings")).asList()
        .anySatisfy(w -> assertThat(w).asString().contains("gateway's signing certificate has expired"));
  }

  @Test
  void aGatewayCertificateExpiringWithinTheWindowIsAWarningNotDown() {
    ExpiringPki pki = new ExpiringPki(dir);
    TrustFixture.writePem(dir.resolve("vcb-10d.pem"), pki.inSixtyDays);
    PartnerDirectory directory = pki.directory();

    Health health = new TrustHealthIndicator(directory,
        pki.watch(directory, pki.gatewayChain(Duration.ofDays(3)))).health();

    assertThat(health.getStatus()).isEqualTo(TrustHealthIndicator.WARNING);
    assertThat(health.getDetails().get("expiring")).asList().singleElement()
        .isInstanceOfSatisfying(WatchedCertificate.class, c -> assertThat(c.owner()).isEqualTo("gateway"));
  }
}
