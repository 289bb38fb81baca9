package vn.customs.swg.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.MutableClock;
import vn.customs.swg.testsupport.TestPki;

/** The {@code gatewayKey} component: UP only while the gateway can make signatures partners can check. */
class GatewayKeyHealthIndicatorTest {

  private static final TestPki.Ca CA = TestPki.rootCa("CN=Test Gateway CA");
  private static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant NOT_AFTER = Instant.parse("2027-01-01T00:00:00Z");
  private static final TestPki.Issued GATEWAY = CA.issue("CN=Test Gateway", TestPki.rsa(2048), NOT_BEFORE, NOT_AFTER,
      KeyUsage.digitalSignature | KeyUsage.nonRepudiation);

  @Test
  void theDevKeyIsUpAndItsDetailsNameTheCertificateNotTheKey() {
    DevPartner gateway = DevPartner.gateway();
    GatewayKeyHealthIndicator indicator = new GatewayKeyHealthIndicator(gateway.key(), gateway.certificate(),
        new MutableClock());

    Health health = indicator.health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsKeys("subject", "serial", "notAfter").doesNotContainKey("reason");
    assertThat(health.getDetails().get("subject").toString()).contains("SWG Dev Gateway");
    assertThat(health.toString()).doesNotContain(gateway.key().toString());
  }

  @Test
  void anExpiredCertificateIsDownWithWhatToRenew() {
    MutableClock clock = new MutableClock(NOT_AFTER.plusSeconds(1));

    Health health = indicator(GATEWAY, clock).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("reason").toString()).contains("expired").contains("gateway.signing-key");
  }

  @Test
  void aCertificateNotYetValidIsDown() {
    Health health = indicator(GATEWAY, new MutableClock(NOT_BEFORE.minusSeconds(60))).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("reason").toString()).contains("not valid before");
  }

  @Test
  void aKeyThatDoesNotBelongToTheCertificateIsDown() {
    TestPki.Issued other = CA.issue("CN=Another", TestPki.rsa(2048), NOT_BEFORE, NOT_AFTER, KeyUsage.digitalSignature);
    GatewayKeyHealthIndicator mismatched = new GatewayKeyHealthIndicator(other.keyPair().getPrivate(),
        GATEWAY.certificate(), new MutableClock(NOT_BEFORE.plus(Duration.ofDays(10))));

    Health health = mismatched.health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("reason").toString()).contains("do not match");
  }

  @Test
  void noKeyLoadedIsDown() {
    Health health = new GatewayKeyHealthIndicator(null, null, new MutableClock()).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("reason").toString()).contains("gateway.signing-key");
  }

  @Test
  void theVerdictIsKeptForAMinuteSoProbesDoNotSignEachTime() {
    MutableClock clock = new MutableClock(NOT_AFTER.minusSeconds(30));
    GatewayKeyHealthIndicator indicator = indicator(GATEWAY, clock);
    Health first = indicator.health();

    clock.advance(Duration.ofSeconds(45));
    Health cached = indicator.health();
    clock.advance(GatewayKeyHealthIndicator.CHECK_INTERVAL);
    Health rechecked = indicator.health();

    assertThat(first.getStatus()).isEqualTo(Status.UP);
    assertThat(cached).as("within the interval, expired meanwhile: the kept answer").isSameAs(first);
    assertThat(rechecked.getStatus()).isEqualTo(Status.DOWN);
  }

  private static GatewayKeyHealthIndicator indicator(TestPki.Issued issued, MutableClock clock) {
    return new GatewayKeyHealthIndicator(issued.keyPair().getPrivate(), issued.certificate(), clock);
  }
}
