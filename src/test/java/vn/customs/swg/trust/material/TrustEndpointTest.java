package vn.customs.swg.trust.material;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator endpoint shows what is in force and reloads on request. */
class TrustEndpointTest {

  @TempDir
  Path dir;

  @Test
  void readShowsTheMaterialInForceAndWhatExpiresSoon() {
    ExpiringPki pki = new ExpiringPki(dir);
    PartnerDirectory directory = pki.directory();
    TrustEndpoint endpoint = new TrustEndpoint(directory, pki.watch(directory, pki.gatewayChain(Duration.ofDays(365))));

    TrustEndpoint.TrustReport report = endpoint.trust();

    assertThat(report.partners()).isEqualTo(1);
    assertThat(report.loadedAt()).isEqualTo(pki.now);
    assertThat(report.loadedBy()).isEqualTo("start-up");
    assertThat(report.lastFailure()).isNull();
    assertThat(report.expiry().expiring()).extracting(WatchedCertificate::subject)
        .containsExactly("CN=VCB Signing 10d,O=Test");
  }

  @Test
  void writeReloadsNowAndAnswersWithTheOutcome() {
    ExpiringPki pki = new ExpiringPki(dir);
    PartnerDirectory directory = pki.directory();
    TrustEndpoint endpoint = new TrustEndpoint(directory, pki.watch(directory, pki.gatewayChain(Duration.ofDays(365))));
    TrustFixture.write(dir.resolve("bank-ca.pem"), "garbage");

    ReloadOutcome failed = endpoint.reload();

    assertThat(failed.trigger()).isEqualTo("operator request");
    assertThat(failed.succeeded()).isFalse();
    assertThat(endpoint.trust().lastFailure().message()).isEqualTo(failed.failure())
        .contains("gateway.partners.vcb.trust-anchors");

    TrustFixture.writePem(dir.resolve("bank-ca.pem"), pki.bankCa.certificate());
    assertThat(endpoint.reload().succeeded()).isTrue();
    assertThat(endpoint.trust().lastFailure()).isNull();
  }
}
