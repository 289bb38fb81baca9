package vn.customs.swg.trust.material;

import java.time.Instant;

/**
 * What one reload attempt did: swapped in new trust material ({@link Result#SUCCESS}, with what
 * changed) or kept the old material ({@link Result#FAILURE}, with the sentence saying what to fix).
 *
 * @param at when the attempt ended
 * @param trigger why it ran: "files changed: ...", "operator request", ...
 * @param result whether the new material is in force
 * @param changes partners and certificates added or removed; empty on failure
 * @param failure the sentence naming the key or file to fix; null on success
 */
public record ReloadOutcome(Instant at, String trigger, Result result, TrustChanges changes, String failure) {

  /** Whether the new material replaced the old; also the {@code outcome} tag of {@code swg.trust.reload}. */
  public enum Result {
    SUCCESS,
    FAILURE;

    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static ReloadOutcome success(Instant at, String trigger, TrustChanges changes) {
    return new ReloadOutcome(at, trigger, Result.SUCCESS, changes, null);
  }

  static ReloadOutcome failure(Instant at, String trigger, String failure) {
    return new ReloadOutcome(at, trigger, Result.FAILURE, TrustChanges.NONE, failure);
  }

  public boolean succeeded() {
    return result == Result.SUCCESS;
  }
}
