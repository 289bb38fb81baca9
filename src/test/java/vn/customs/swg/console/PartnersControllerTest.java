package vn.customs.swg.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.customs.swg.operations.PartnerOverview.CertificateView;

class PartnersControllerTest {

  private static final Instant NOW = Instant.parse("2026-11-22T01:00:00Z");

  @Test
  void aCertificateIsFlaggedExpiringInTheWindowAndExpiredFromItsNotAfter() {
    assertThat(PartnersController.expiry(certificate(NOW.plusSeconds(400 * 86_400L), false), NOW)).isEqualTo("valid");
    assertThat(PartnersController.expiry(certificate(NOW.plusSeconds(3 * 86_400L), true), NOW)).isEqualTo("expiring");
    assertThat(PartnersController.expiry(certificate(NOW, true), NOW)).isEqualTo("expired");
  }

  @Test
  void fingerprintsAreShownInGroupsOfFour() {
    assertThat(PartnersController.grouped("D4AF550034321156C"))
        .isEqualTo("D4AF 5500 3432 1156 C");
  }

  private static CertificateView certificate(Instant notAfter, boolean soon) {
    return new CertificateView("anchor", "CN=Test CA", "AB", notAfter, 0, soon);
  }
}
