package vn.customs.swg.audit;

import java.time.OffsetDateTime;

/**
 * What the verifier found on one node's chain.
 *
 * @param node the gateway node
 * @param firstSeq position of the oldest remaining event (after a retention purge, above 1), or
 *     null when none remains
 * @param lastSeq position of the newest event checked, or null when none
 * @param entriesChecked events whose hash, link and message were recomputed before the first break
 * @param checkpointsVerified checkpoints whose signature verified and whose hash matched the chain
 * @param anchoredAt when the checkpoint the chain starts after was signed (a purged prefix), or null
 *     when it starts at seq 1
 * @param unprotectedEvents events of this node written before the chain existed (V5): kept, not
 *     protected
 * @param firstBreak the first broken link, or null when the chain is intact
 */
public record NodeChain(
    String node,
    Long firstSeq,
    Long lastSeq,
    long entriesChecked,
    long checkpointsVerified,
    OffsetDateTime anchoredAt,
    long unprotectedEvents,
    BrokenLink firstBreak) {

  public boolean intact() {
    return firstBreak == null;
  }

  /** One line for a terminal or a log. */
  public String line() {
    String range = firstSeq == null ? "no events" : "seq " + firstSeq + "-" + lastSeq;
    String anchor = anchoredAt == null ? "" : ", starts after a checkpoint signed " + ChainFormat.time(anchoredAt);
    String legacy = unprotectedEvents == 0 ? "" : ", " + unprotectedEvents + " unprotected event(s) from before the chain";
    return "node " + node + ": " + entriesChecked + " entries checked (" + range + anchor + "), "
        + checkpointsVerified + " checkpoint(s) verified" + legacy + ": "
        + (intact() ? "intact" : "BROKEN " + firstBreak.line());
  }
}
