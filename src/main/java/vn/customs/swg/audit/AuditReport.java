package vn.customs.swg.audit;

import java.time.Instant;
import java.util.List;

/**
 * The verifier's answer: one {@link NodeChain} per gateway node that ever wrote an event or a
 * checkpoint, each with its first broken link if any.
 *
 * @param checkedAt when the verification ran
 * @param intact true when no node's chain has a broken link
 * @param nodes per node, by node id
 */
public record AuditReport(Instant checkedAt, boolean intact, List<NodeChain> nodes) {

  public AuditReport(Instant checkedAt, List<NodeChain> nodes) {
    this(checkedAt, nodes.stream().allMatch(NodeChain::intact), List.copyOf(nodes));
  }
}
