package vn.customs.swg.trust.material;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.security.auth.x500.X500Principal;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.partner.PartnerRegistry;
import vn.customs.swg.trust.PemCertificates;
import vn.customs.swg.trust.material.WatchedCertificate.Role;

/**
 * Decides which certificates need an operator before they stop messages: every partner's
 * registered signing certificates, anchors and intermediates in the registry in force, and the
 * gateway's own chain, expiring within {@code gateway.trust.expiry-warning} or already expired.
 * Always computed from the registry in force and the clock, so a reload or the passing of time
 * shows at once.
 */
public final class CertificateExpiryWatch {

  private static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

  private final Supplier<PartnerRegistry> registry;
  private final List<X509Certificate> gatewayChain;
  private final Duration window;
  private final Clock clock;

  /**
   * @param registry the registry in force, e.g. {@code directory::current}
   * @param gatewayChain the gateway's chain as in its keystore, its signing certificate first
   * @param window {@code gateway.trust.expiry-warning}
   */
  public CertificateExpiryWatch(Supplier<PartnerRegistry> registry, List<X509Certificate> gatewayChain,
      Duration window, Clock clock) {
    this.registry = registry;
    this.gatewayChain = List.copyOf(gatewayChain);
    this.window = window;
    this.clock = clock;
  }

  /** Every certificate watched, soonest expiry first; one entry per owner, role and certificate. */
  public List<WatchedCertificate> watched() {
    Instant now = clock.instant();
    Map<String, WatchedCertificate> watched = new LinkedHashMap<>();
    for (Partner partner : registry.get().all()) {
      partner.registeredCertificates().forEach(c -> add(watched, partner.id(), Role.SIGNING_CERTIFICATE, c, now));
      partner.trust().anchors().forEach(a -> add(watched, partner.id(), Role.ANCHOR, a.getTrustedCert(), now));
      partner.trust().intermediates().forEach(c -> add(watched, partner.id(), Role.INTERMEDIATE, c, now));
    }
    for (int i = 0; i < gatewayChain.size(); i++) {
      X509Certificate certificate = gatewayChain.get(i);
      Role role = i == 0 ? Role.GATEWAY
          : certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()) ? Role.ANCHOR
          : Role.INTERMEDIATE;
      add(watched, WatchedCertificate.GATEWAY, role, certificate, now);
    }
    List<WatchedCertificate> sorted = new ArrayList<>(watched.values());
    sorted.sort(Comparator.comparing(WatchedCertificate::notAfter).thenComparing(WatchedCertificate::owner));
    return List.copyOf(sorted);
  }

  /** The certificates expiring within the window or already expired. */
  public ExpiryReport report() {
    Instant now = clock.instant();
    Instant horizon = now.plus(window);
    List<WatchedCertificate> expiring = watched().stream()
        .filter(certificate -> !certificate.notAfter().isAfter(horizon))
        .toList();
    boolean gatewayExpired = expiring.stream()
        .anyMatch(c -> c.role() == Role.GATEWAY && !c.notAfter().isAfter(now));
    return new ExpiryReport(now, window, expiring, gatewayExpired);
  }

  /** Days from now to {@code notAfter}, with fractions; negative once expired. The gauge's value. */
  public double daysLeft(Instant notAfter) {
    return Duration.between(clock.instant(), notAfter).toSeconds() / (double) SECONDS_PER_DAY;
  }

  private static void add(Map<String, WatchedCertificate> watched, String owner, Role role,
      X509Certificate certificate, Instant now) {
    String fingerprint = PemCertificates.sha256Fingerprint(certificate);
    Instant notAfter = certificate.getNotAfter().toInstant();
    long daysLeft = Math.floorDiv(Duration.between(now, notAfter).toSeconds(), SECONDS_PER_DAY);
    watched.putIfAbsent(owner + "/" + role + "/" + fingerprint, new WatchedCertificate(owner, role,
        certificate.getSubjectX500Principal().getName(X500Principal.RFC2253), notAfter, daysLeft, fingerprint));
  }
}
