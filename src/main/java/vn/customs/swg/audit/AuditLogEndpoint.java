package vn.customs.swg.audit;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The operator's check of the audit log on a running node, {@code /actuator/auditlog} on the
 * management port: GET verifies every node's chain in the shared database now and answers the
 * {@link AuditReport} (per node: entries and checkpoints checked, the first broken link). The
 * verification reads every event and message, so its time grows with the store; it is a read in
 * one snapshot and never blocks the flows. For a stopped node, {@code verify-log} does the same
 * from the command line.
 */
@Endpoint(id = "auditlog")
public final class AuditLogEndpoint {

  private final ChainVerifier verifier;

  public AuditLogEndpoint(ChainVerifier verifier) {
    this.verifier = verifier;
  }

  @ReadOperation
  public AuditReport verify() {
    return verifier.verify();
  }
}
