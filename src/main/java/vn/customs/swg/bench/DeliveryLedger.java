package vn.customs.swg.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Decides, per messageId, whether what the gateway acknowledged reached the back-end: every
 * messageId it ACCEPTED must be on a back-end queue exactly once. Lost: accepted, never on a
 * queue. Duplicated: on a queue more than once (each extra copy counts). Unexpected: on a queue
 * but not accepted in this run (a message left from an earlier run, or one without
 * swgMessageId). Safe to feed from several threads; read the summary once feeding is done.
 */
public final class DeliveryLedger {

  /** How many ids of each kind a summary lists by name. */
  static final int LISTED = 20;
  /** The id recorded for a queue message that carries no swgMessageId. */
  public static final String NO_MESSAGE_ID = "(no swgMessageId)";

  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> onQueue = new ConcurrentHashMap<>();

  /** The gateway answered ACCEPTED for this messageId. */
  public void accepted(String messageId) {
    accepted.add(messageId);
  }

  /** A message with this swgMessageId (null when it has none) was on a back-end queue. */
  public void onQueue(String messageId) {
    onQueue.merge(messageId == null ? NO_MESSAGE_ID : messageId, 1, Integer::sum);
  }

  /**
   * The ledger's verdict; the id lists hold at most {@value #LISTED} ids each, sorted.
   *
   * @param onQueue messages counted on the queues, copies included
   * @param duplicates extra copies beyond the first, over all messageIds
   */
  public record Summary(long accepted, long onQueue, long lost, long duplicates, long unexpected,
      List<String> lostIds, List<String> duplicatedIds, List<String> unexpectedIds) {

    /** On-queue equals accepted, with nothing lost, duplicated or unexpected. */
    @JsonProperty
    public boolean consistent() {
      return lost == 0 && duplicates == 0 && unexpected == 0 && onQueue == accepted;
    }
  }

  public Summary summary() {
    List<String> lost = accepted.stream().filter(id -> !onQueue.containsKey(id)).sorted().toList();
    List<String> duplicated = onQueue.entrySet().stream().filter(e -> e.getValue() > 1)
        .map(Map.Entry::getKey).sorted().toList();
    long duplicates = onQueue.values().stream().mapToLong(count -> count - 1).sum();
    List<String> unexpected = onQueue.keySet().stream().filter(id -> !accepted.contains(id)).sorted().toList();
    long unexpectedCopies = unexpected.stream().mapToLong(onQueue::get).sum();
    long total = onQueue.values().stream().mapToLong(Integer::longValue).sum();
    return new Summary(accepted.size(), total, lost.size(), duplicates, unexpectedCopies,
        first(lost), first(duplicated), first(unexpected));
  }

  private static List<String> first(List<String> ids) {
    return ids.stream().limit(LISTED).collect(Collectors.toUnmodifiableList());
  }
}
