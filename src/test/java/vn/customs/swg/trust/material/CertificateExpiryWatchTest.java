package vn.customs.swg.trust.material;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.swg.trust.PemCertificates;
import vn.customs.swg.trust.material.WatchedCertificate.Role;

/** The expiry watch names every certificate that needs renewing within the window, and no other. */
class CertificateExpiryWatchTest {

  @TempDir
  Path dir;

  @Test
  void listsACertificateExpiringInTenDaysWithAThirtyDayWindowButNotOneExpiringInSixty() {
    ExpiringPki pki = new ExpiringPki(dir);
    PartnerDirectory directory = pki.directory();

    ExpiryReport report = pki.watch(directory, pki.gatewayChain(Duration.ofDays(365))).report();

    assertThat(report.window()).isEqualTo(Duration.ofDays(30));
    assertThat(report.expiring())
        .extracting(WatchedCertificate::owner, WatchedCertificate::role, WatchedCertificate::subject,
            WatchedCertificate::notAfter, WatchedCertificate::daysLeft, WatchedCertificate::fingerprint)
        .containsExactly(tuple("vcb", Role.SIGNING_CERTIFICATE, "CN=VCB Signing 10d,O=Test",
            pki.now.plus(Duration.ofDays(10)), 10L, PemCertificates.sha256Fingerprint(pki.inTenDays)));
    assertThat(report.gatewayCertificateExpired()).isFalse();
  }

  @Test
  void watchesSigningCertificatesAnchorsAndTheGatewayChainWithTheirRoles() {
    ExpiringPki pki = new ExpiringPki(dir);

    var watched = pki.watch(pki.directory(), pki.gatewayChain(Duration.ofDays(365))).watched();

    assertThat(watched).extracting(WatchedCertificate::owner, WatchedCertificate::role, WatchedCertificate::subject)
        .containsExactlyInAnyOrder(
            tuple("vcb", Role.SIGNING_CERTIFICATE, "CN=VCB Signing 10d,O=Test"),
            tuple("vcb", Role.SIGNING_CERTIFICATE, "CN=VCB Signing 60d,O=Test"),
            tuple("vcb", Role.ANCHOR, "CN=Test Bank CA,O=Test"),
            tuple("gateway", Role.GATEWAY, "CN=Test Gateway,O=Test"),
            tuple("gateway", Role.INTERMEDIATE, "CN=Test Gateway CA,O=Test"),
            tuple("gateway", Role.ANCHOR, "CN=Test Gateway Root,O=Test"));
    assertThat(watched.get(0).subject()).isEqualTo("CN=VCB Signing 10d,O=Test");
  }

  @Test
  void anExpiredGatewayCertificateIsListedWithNegativeDaysAndFlagged() {
    ExpiringPki pki = new ExpiringPki(dir);

    ExpiryReport report = pki.watch(pki.directory(), pki.gatewayChain(Duration.ofHours(-36))).report();

    assertThat(report.gatewayCertificateExpired()).isTrue();
    assertThat(report.expiring()).filteredOn(c -> c.role() == Role.GATEWAY).singleElement()
        .satisfies(c -> {
          assertThat(c.owner()).isEqualTo("gateway");
          assertThat(c.daysLeft()).isEqualTo(-2L);
        });
  }

  @Test
  void aReloadedRenewalLeavesTheReportAtOnce() {
    ExpiringPki pki = new ExpiringPki(dir);
    PartnerDirectory directory = pki.directory();
    CertificateExpiryWatch watch = pki.watch(directory, pki.gatewayChain(Duration.ofDays(365)));
    assertThat(watch.report().expiring()).hasSize(1);

    TrustFixture.writePem(dir.resolve("vcb-10d.pem"), pki.inSixtyDays);
    directory.reload("renewed");

    assertThat(watch.report().expiring()).isEmpty();
  }
}
