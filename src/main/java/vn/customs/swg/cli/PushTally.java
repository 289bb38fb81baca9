package vn.customs.swg.cli;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a partner's {@code serve} says it received, from its output (one line per POST: time,
 * receipt status, messageId, ...), for the outbound row of the reliability suite.
 *
 * <p>A message is delivered once the partner holds it: it answered ACCEPTED, or DUPLICATE, which
 * {@code serve} answers only for the same bytes already saved. The second case is how a partner
 * killed between saving a push and answering it shows up: its ACCEPTED line was never printed, the
 * gateway got no answer and pushed again (delivery is at least once, ENVELOPE.md), and the
 * restarted partner found the message saved. Such a re-push is counted as a resend, not a
 * duplicate: the partner holds the message once. A duplicate is a message the partner accepted
 * (saved) more than once.
 */
final class PushTally {

  private final Map<String, Integer> answers = new HashMap<>();
  private final Map<String, Integer> accepted = new HashMap<>();
  private final Map<String, Integer> alreadySaved = new HashMap<>();

  static PushTally of(List<String> serveOutput) {
    PushTally tally = new PushTally();
    for (String line : serveOutput) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 3) {
        continue;
      }
      String messageId = fields[2];
      tally.answers.merge(messageId, 1, Integer::sum);
      if ("ACCEPTED".equals(fields[1])) {
        tally.accepted.merge(messageId, 1, Integer::sum);
      } else if ("DUPLICATE".equals(fields[1])) {
        tally.alreadySaved.merge(messageId, 1, Integer::sum);
      }
    }
    return tally;
  }

  boolean delivered(String messageId) {
    return accepted.containsKey(messageId) || alreadySaved.containsKey(messageId);
  }

  long delivered(Collection<String> sent) {
    return sent.stream().filter(this::delivered).count();
  }

  /** Saves beyond the first: the partner accepted the same message again. */
  long duplicates(Collection<String> sent) {
    return sent.stream().mapToLong(id -> Math.max(0, accepted.getOrDefault(id, 0) - 1)).sum();
  }

  /** Pushes the partner answered beyond the first: the gateway's retries of a push it got no answer to. */
  long resends(Collection<String> sent) {
    return sent.stream().mapToLong(id -> Math.max(0, answers.getOrDefault(id, 0) - 1)).sum();
  }
}
