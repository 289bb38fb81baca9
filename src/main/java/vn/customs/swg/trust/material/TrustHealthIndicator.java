package vn.customs.swg.trust.material;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code trust} health component. DOWN when the gateway's own signing certificate has expired
 * (nothing it signs can be verified any more); WARNING when a watched certificate expires within
 * the window or the last reload failed (the material in force still works, an operator must act);
 * UP otherwise. WARNING is ordered between DOWN and UP and answered with HTTP 200 (see
 * {@code management.endpoint.health.status} in application.yml), so it never takes a node out of
 * the load balancer.
 */
public final class TrustHealthIndicator implements HealthIndicator {

  /** Works, but needs an operator. */
  public static final Status WARNING = new Status("WARNING");

  private final PartnerDirectory directory;
  private final CertificateExpiryWatch expiryWatch;

  public TrustHealthIndicator(PartnerDirectory directory, CertificateExpiryWatch expiryWatch) {
    this.directory = directory;
    this.expiryWatch = expiryWatch;
  }

  @Override
  public Health health() {
    PartnerDirectory.Status status = directory.status();
    ExpiryReport expiry = expiryWatch.report();
    List<String> warnings = new ArrayList<>();
    if (expiry.gatewayCertificateExpired()) {
      warnings.add("the gateway's signing certificate has expired: renew gateway.signing-key");
    }
    if (!expiry.expiring().isEmpty()) {
      warnings.add(expiry.expiring().size() + " certificate(s) expire within " + expiry.window()
          + " or have expired (see expiring)");
    }
    if (status.lastFailure() != null) {
      warnings.add("the last trust material reload failed, the material loaded at " + status.loadedAt()
          + " is still in force: " + status.lastFailure().message());
    }
    Health.Builder health = expiry.gatewayCertificateExpired() ? Health.down()
        : warnings.isEmpty() ? Health.up()
        : Health.status(WARNING);
    health.withDetail("loadedAt", status.loadedAt())
        .withDetail("partners", status.partners())
        .withDetail("expiryWarning", expiry.window())
        .withDetail("expiring", expiry.expiring());
    if (!warnings.isEmpty()) {
      health.withDetail("warnings", warnings);
    }
    if (status.lastFailure() != null) {
      health.withDetail("lastFailure", status.lastFailure());
    }
    return health.build();
  }
}
