package vn.customs.swg.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.trust.material.CertificateExpiryWatch;
import vn.customs.swg.trust.material.PartnerDirectory;
import vn.customs.swg.trust.material.WatchedCertificate;

/**
 * {@code GET /console/partners}: every partner of the registry in force with how it connects, what
 * it may send, and its certificates (signing certificates, anchors, intermediates) with their
 * SHA-256 fingerprints and expiry, flagged when expired or within {@code gateway.trust.expiry-warning};
 * then the gateway's own chain. Read from the trust material in force, so a reload shows at once.
 */
@Controller
public class PartnersController {

  /**
   * One partner as the page shows it.
   *
   * @param deliversTo where messages from customs go: endpoint URL, queue, or pull inbox
   */
  public record PartnerView(String id, String name, String kind, String identity, String channel, String deliversTo,
      List<String> allowedMessageTypes, String revocationPolicy, boolean legacySha1,
      List<CertificateView> certificates) {}

  /**
   * One certificate as the page shows it.
   *
   * @param expiry "expired", "expiring" (within the warning window) or "valid"
   */
  public record CertificateView(String role, String subject, String fingerprint, WatchedCertificate watched,
      String expiry) {}

  private final PartnerDirectory directory;
  private final CertificateExpiryWatch expiryWatch;
  private final Duration window;
  private final Clock clock;

  public PartnersController(PartnerDirectory directory, CertificateExpiryWatch expiryWatch,
      GatewayProperties properties, Clock clock) {
    this.directory = directory;
    this.expiryWatch = expiryWatch;
    this.window = properties.trust().expiryWarning();
    this.clock = clock;
  }

  @GetMapping("/console/partners")
  String partners(Model model) {
    Instant now = clock.instant();
    Map<String, List<CertificateView>> certificates = expiryWatch.watched().stream()
        .collect(Collectors.groupingBy(WatchedCertificate::owner,
            Collectors.mapping(certificate -> view(certificate, now), Collectors.toList())));
    List<PartnerView> partners = directory.current().all().stream()
        .sorted(Comparator.comparing(Partner::id))
        .map(partner -> view(partner, certificates.getOrDefault(partner.id(), List.of())))
        .toList();
    model.addAttribute("partners", partners);
    model.addAttribute("gatewayCertificates", certificates.getOrDefault(WatchedCertificate.GATEWAY, List.of()));
    model.addAttribute("warningDays", window.toDays());
    model.addAttribute("trust", directory.status());
    return "console/partners";
  }

  private static PartnerView view(Partner partner, List<CertificateView> certificates) {
    return new PartnerView(partner.id(), partner.name(), partner.kind().name(), partner.identity(),
        partner.channel().name(), deliversTo(partner), partner.allowedMessageTypes().stream().sorted().toList(),
        partner.trust().revocationPolicy().name(), partner.legacySha1(), certificates);
  }

  private static String deliversTo(Partner partner) {
    return switch (partner.channel()) {
      case HTTP -> partner.delivery().url() == null ? "no push endpoint configured"
          : "push to " + partner.delivery().url();
      case JMS -> "queue " + partner.outboundQueue();
      case PULL -> "pull inbox (GET /api/v1/inbox)";
    };
  }

  // The same bounds as the expiry report: expired at notAfter, expiring within the window.
  private CertificateView view(WatchedCertificate certificate, Instant now) {
    String expiry = !certificate.notAfter().isAfter(now) ? "expired"
        : !certificate.notAfter().isAfter(now.plus(window)) ? "expiring" : "valid";
    return new CertificateView(certificate.role().tag().replace('-', ' '), certificate.subject(),
        grouped(certificate.fingerprint()), certificate, expiry);
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
