package vn.customs.swg.trust.material;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.swg.config.ConfigurationException;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.partner.PartnerRegistry;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.trust.PemCertificates;

/** Reloads swap in complete trust material only; a broken file never replaces a good one. */
class PartnerDirectoryTest {

  private static final X509Certificate VCB = DevPartner.load("vcb").certificate();
  private static final X509Certificate BIDV = DevPartner.load("bidv").certificate();

  @TempDir
  Path dir;

  private final Clock clock = Clock.systemUTC();

  @Test
  void reloadSwapsInANewRegistryWhenACertificateFileChangedOnDisk() {
    PartnerDirectory directory = TrustFixture.directory(TrustFixture.devVcb(dir), clock);
    PartnerRegistry before = directory.current();
    assertThat(vcb(directory).signsWith(VCB)).isTrue();

    // The bank renews: its new certificate (issued by the same CA) replaces the file.
    TrustFixture.copyDev("partners/bidv/cert.pem", dir.resolve("vcb.pem"));
    ReloadOutcome outcome = directory.reload("test");

    assertThat(outcome.succeeded()).isTrue();
    assertThat(directory.current()).isNotSameAs(before);
    assertThat(vcb(directory).signsWith(BIDV)).isTrue();
    assertThat(vcb(directory).signsWith(VCB)).isFalse();
    assertThat(outcome.changes().certificatesAdded())
        .singleElement().asString().startsWith("vcb signing-certificate " + PemCertificates.sha256Fingerprint(BIDV));
    assertThat(outcome.changes().certificatesRemoved())
        .singleElement().asString().contains(PemCertificates.sha256Fingerprint(VCB));
    assertThat(directory.status().loadedBy()).isEqualTo("test");
  }

  @Test
  void brokenNewFileKeepsTheRegistryInForceAndTheFailureShowsUntilAGoodReload() {
    PartnerDirectory directory = TrustFixture.directory(TrustFixture.devVcb(dir), clock);
    TrustHealthIndicator health = new TrustHealthIndicator(directory,
        new CertificateExpiryWatch(directory::current, DevPartner.gateway().chain(), Duration.ofDays(30), clock));
    PartnerRegistry good = directory.current();
    var loadedAt = directory.status().loadedAt();

    TrustFixture.write(dir.resolve("vcb.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
    ReloadOutcome failed = directory.reload("files changed: vcb.pem");

    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.failure()).contains("gateway.partners.vcb.certificates").contains("vcb.pem")
        .contains("is not a readable PEM certificate file");
    assertThat(directory.current()).isSameAs(good);
    assertThat(vcb(directory).signsWith(VCB)).isTrue();
    PartnerDirectory.Status status = directory.status();
    assertThat(status.loadedAt()).isEqualTo(loadedAt);
    assertThat(status.lastFailure()).isNotNull();
    assertThat(status.lastFailure().message()).isEqualTo(failed.failure());
    assertThat(status.lastFailure().trigger()).isEqualTo("files changed: vcb.pem");
    assertThat(health.health().getStatus()).isEqualTo(TrustHealthIndicator.WARNING);
    assertThat(health.health().getDetails()).containsKey("lastFailure");

    TrustFixture.copyDev("partners/vcb/cert.pem", dir.resolve("vcb.pem"));
    assertThat(directory.reload("fixed").succeeded()).isTrue();

    assertThat(directory.status().lastFailure()).isNull();
    assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
    assertThat(health.health().getDetails()).doesNotContainKey("lastFailure");
  }

  @Test
  void aMissingFileAfterStartUpIsAFailedReloadNotAnEmptyPartner() {
    Map<String, GatewayProperties.Partner> partners = TrustFixture.devVcb(dir);
    PartnerDirectory directory = TrustFixture.directory(partners, clock);

    dir.resolve("public-ca.pem").toFile().delete();
    ReloadOutcome outcome = directory.reload("files changed");

    assertThat(outcome.failure()).contains("gateway.partners.vcb.trust-anchors").contains("does not exist");
    assertThat(vcb(directory).trust().anchors()).hasSize(1);
  }

  @Test
  void listenersRunAfterEachSuccessfulReloadAndNotAfterAFailedOne() {
    PartnerDirectory directory = TrustFixture.directory(TrustFixture.devVcb(dir), clock);
    AtomicInteger cacheClears = new AtomicInteger();
    directory.onReload(() -> {
      // The listener sees the new material already in force.
      assertThat(vcb(directory).signsWith(BIDV)).isTrue();
      cacheClears.incrementAndGet();
    });

    TrustFixture.copyDev("partners/bidv/cert.pem", dir.resolve("vcb.pem"));
    directory.reload("first");
    TrustFixture.write(dir.resolve("vcb.pem"), "garbage");
    directory.reload("broken");

    assertThat(cacheClears).hasValue(1);
  }

  @Test
  void aFailingListenerNeitherUndoesTheReloadNorStopsTheOtherListeners() {
    PartnerDirectory directory = TrustFixture.directory(TrustFixture.devVcb(dir), clock);
    AtomicInteger ran = new AtomicInteger();
    directory.onReload(() -> {
      throw new IllegalStateException("cache unavailable");
    });
    directory.onReload(ran::incrementAndGet);

    ReloadOutcome outcome = directory.reload("test");

    assertThat(outcome.succeeded()).isTrue();
    assertThat(ran).hasValue(1);
  }

  @Test
  void brokenMaterialAtStartUpStopsStartUpWithItsSentence() {
    Map<String, GatewayProperties.Partner> partners = TrustFixture.devVcb(dir);
    TrustFixture.write(dir.resolve("public-ca.pem"), "garbage");

    assertThatThrownBy(() -> TrustFixture.directory(partners, clock))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("gateway.partners.vcb.trust-anchors");
  }

  private static Partner vcb(PartnerDirectory directory) {
    return directory.current().findById("vcb").orElseThrow();
  }
}
