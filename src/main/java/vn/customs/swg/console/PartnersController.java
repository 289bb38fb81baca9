package vn.customs.swg.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.operations.PartnerOverview;
import vn.customs.swg.operations.PartnerOverview.CertificateView;
import vn.customs.swg.operations.PartnerOverview.PartnerView;
import vn.customs.swg.trust.material.CertificateExpiryWatch;
import vn.customs.swg.trust.material.PartnerDirectory;
import vn.customs.swg.trust.material.WatchedCertificate;

/**
 * {@code GET /console/partners}: every partner of the registry in force ({@link PartnerOverview},
 * as the admin API shows it) with how it connects, what it may send, its revocation policy, and its
 * certificates (signing certificates, anchors, intermediates) with their SHA-256 fingerprints and
 * expiry, flagged when expired or within {@code gateway.trust.expiry-warning}; then the gateway's
 * own chain. Read from the trust material in force, so a reload shows at once.
 */
@Controller
public class PartnersController {

  /**
   * One partner as the page shows it.
   *
   * @param deliversTo where messages from customs go: endpoint URL, queue, or pull inbox
   * @param revocation its revocation policy, and whether it may still sign with SHA-1
   */
  public record PartnerRow(PartnerView partner, String deliversTo, String revocation, List<CertificateRow> certificates) {}

  /**
   * One certificate as the page shows it.
   *
   * @param fingerprint the SHA-256 fingerprint in groups of four digits
   * @param expiry "expired", "expiring" (within the warning window) or "valid"
   */
  public record CertificateRow(CertificateView certificate, String fingerprint, String expiry) {}

  private final PartnerOverview overview;
  private final PartnerDirectory directory;
  private final CertificateExpiryWatch expiryWatch;
  private final Duration window;
  private final Clock clock;

  public PartnersController(PartnerOverview overview, PartnerDirectory directory, CertificateExpiryWatch expiryWatch,
      GatewayProperties properties, Clock clock) {
    this.overview = overview;
    this.directory = directory;
    this.expiryWatch = expiryWatch;
    this.window = properties.trust().expiryWarning();
    this.clock = clock;
  }

  @GetMapping("/console/partners")
  String partners(Model model) {
    Instant now = clock.instant();
    List<PartnerRow> partners = overview.partners().stream()
        .map(partner -> new PartnerRow(partner, deliversTo(partner), revocation(partner.id()),
            partner.certificates().stream().map(certificate -> row(certificate, now)).toList()))
        .toList();
    // The gateway's own chain is not a partner's: the same view, from the expiry watch.
    List<CertificateRow> gateway = expiryWatch.watched().stream()
        .filter(certificate -> certificate.owner().equals(WatchedCertificate.GATEWAY))
        .map(certificate -> row(new CertificateView(certificate.role().tag(), certificate.subject(),
            certificate.fingerprint(), certificate.notAfter(), certificate.daysLeft(),
            !certificate.notAfter().isAfter(now.plus(window))), now))
        .toList();
    model.addAttribute("partners", partners);
    model.addAttribute("gatewayCertificates", gateway);
    model.addAttribute("warningDays", window.toDays());
    model.addAttribute("trust", directory.status());
    return "console/partners";
  }

  private static String deliversTo(PartnerView partner) {
    return switch (partner.channel()) {
      case "HTTP" -> partner.deliveryUrl() == null ? "no push endpoint configured" : "push to " + partner.deliveryUrl();
      case "JMS" -> "queue partner." + partner.id() + ".out";
      case "PULL" -> "pull inbox (GET /api/v1/inbox)";
      default -> partner.channel();
    };
  }

  private String revocation(String partnerId) {
    return directory.current().findById(partnerId)
        .map(partner -> partner.trust().revocationPolicy().name()
            + (partner.legacySha1() ? "; accepts SHA-1 (transition)" : ""))
        .orElse("");
  }

  private static CertificateRow row(CertificateView certificate, Instant now) {
    return new CertificateRow(certificate, grouped(certificate.fingerprint()), expiry(certificate, now));
  }

  /** "expired" from notAfter on, "expiring" within the warning window, "valid" before it. */
  static String expiry(CertificateView certificate, Instant now) {
    return !certificate.notAfter().isAfter(now) ? "expired" : certificate.expiresSoon() ? "expiring" : "valid";
  }

  /** "AB12CD34..." as "AB12 CD34 ...": 64 hex digits a person can compare by eye. */
  static String grouped(String hex) {
    StringBuilder out = new StringBuilder(hex.length() + hex.length() / 4);
    for (int i = 0; i < hex.length(); i += 4) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(hex, i, Math.min(hex.length(), i + 4));
    }
    return out.toString();
  }
}
