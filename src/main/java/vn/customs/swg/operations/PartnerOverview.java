package vn.customs.swg.operations;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.trust.material.CertificateExpiryWatch;
import vn.customs.swg.trust.material.PartnerDirectory;
import vn.customs.swg.trust.material.WatchedCertificate;

/**
 * The partners as an operator sees them: who they are, how they connect, what they may send, and
 * every certificate they depend on (registered signing certificates, trust anchors,
 * intermediates) with its expiry, from the registry in force (a reload shows at once). Secrets
 * (pull tokens) are never part of it.
 */
public class PartnerOverview {

  /**
   * One partner.
   *
   * @param kind MINISTRY, BANK or ASW_PARTNER
   * @param identity the registered From identity
   * @param channel how the partner connects: HTTP, JMS or PULL
   * @param deliveryUrl where HTTP push delivers to; null for other channels
   * @param subjectPattern the subject rule its signing certificates may match instead of being registered
   * @param certificates what the partner's trust rests on, soonest expiry first
   */
  public record PartnerView(String id, String name, String kind, String identity, String channel, URI deliveryUrl,
      Set<String> allowedMessageTypes, String subjectPattern, List<CertificateView> certificates) {}

  /**
   * One certificate with its expiry.
   *
   * @param role signing-certificate, anchor or intermediate
   * @param daysToExpiry whole days left, negative once expired
   * @param expiresSoon within {@code gateway.trust.expiry-warning}, or expired
   */
  public record CertificateView(String role, String subject, String fingerprint, Instant notAfter,
      long daysToExpiry, boolean expiresSoon) {}

  private final PartnerDirectory directory;
  private final CertificateExpiryWatch expiryWatch;
  private final Duration warning;
  private final Clock clock;

  /** @param warning {@code gateway.trust.expiry-warning}, as the expiry watch reports it */
  public PartnerOverview(PartnerDirectory directory, CertificateExpiryWatch expiryWatch, Duration warning,
      Clock clock) {
    this.directory = directory;
    this.expiryWatch = expiryWatch;
    this.warning = warning;
    this.clock = clock;
  }

  /** Every registered partner, by id. */
  public List<PartnerView> partners() {
    List<WatchedCertificate> watched = expiryWatch.watched();
    return directory.current().all().stream()
        .sorted(Comparator.comparing(Partner::id))
        .map(partner -> view(partner, watched))
        .toList();
  }

  private PartnerView view(Partner partner, List<WatchedCertificate> watched) {
    Instant horizon = clock.instant().plus(warning);
    List<CertificateView> certificates = watched.stream()
        .filter(certificate -> certificate.owner().equals(partner.id()))
        .map(certificate -> new CertificateView(certificate.role().tag(), certificate.subject(),
            certificate.fingerprint(), certificate.notAfter(), certificate.daysLeft(),
            !certificate.notAfter().isAfter(horizon)))
        .toList();
    URI url = partner.channel() == vn.customs.swg.config.GatewayProperties.PartnerChannel.HTTP
        && partner.delivery() != null ? partner.delivery().url() : null;
    return new PartnerView(partner.id(), partner.name(), partner.kind().name(), partner.identity(),
        partner.channel().name(), url, new TreeSet<>(partner.allowedMessageTypes()),
        partner.subjectPattern() == null ? null : partner.subjectPattern().pattern(), certificates);
  }
}
