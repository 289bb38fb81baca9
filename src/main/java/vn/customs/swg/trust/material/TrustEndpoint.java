package vn.customs.swg.trust.material;

import java.time.Instant;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The operator's view of the trust material, {@code /actuator/trust} on the management port:
 * GET shows what is in force, the last failed reload and the certificates about to expire; POST
 * reloads now (after replacing a file, without waiting for the file watcher) and answers with
 * the outcome. Exposed on the loopback-bound management port only, never on the partners' port.
 */
@Endpoint(id = "trust")
public final class TrustEndpoint {

  /** Trigger recorded for a reload asked for through this endpoint. */
  static final String TRIGGER = "operator request";

  /**
   * What GET answers.
   *
   * @param loadedAt when the material in force was loaded
   * @param loadedBy why it was loaded
   * @param lastFailure the last reload that failed since then, or null
   * @param partners how many partners are registered
   * @param expiry certificates expiring within {@code gateway.trust.expiry-warning}
   */
  public record TrustReport(Instant loadedAt, String loadedBy, PartnerDirectory.Failure lastFailure, int partners,
      ExpiryReport expiry) {}

  private final PartnerDirectory directory;
  private final CertificateExpiryWatch expiryWatch;

  public TrustEndpoint(PartnerDirectory directory, CertificateExpiryWatch expiryWatch) {
    this.directory = directory;
    this.expiryWatch = expiryWatch;
  }

  @ReadOperation
  public TrustReport trust() {
    PartnerDirectory.Status status = directory.status();
    return new TrustReport(status.loadedAt(), status.loadedBy(), status.lastFailure(), status.partners(),
        expiryWatch.report());
  }

  @WriteOperation
  public ReloadOutcome reload() {
    return directory.reload(TRIGGER);
  }
}
