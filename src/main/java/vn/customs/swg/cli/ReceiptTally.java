package vn.customs.swg.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.bench.LoadRun.Answer;

/**
 * Checks the bench's answers after the clock stopped, as a partner would check each one: it must
 * be a receipt, answer the messageId that was sent, and carry a gateway signature that verifies
 * and chains to the given CA ({@link EnvelopeChecker}). Counts receipts by status and error
 * code, answers lost in transport by exception, and keeps the messageIds whose verified receipt
 * says ACCEPTED: those must be on the back-end queues.
 */
final class ReceiptTally {

  final SortedMap<String, Long> statuses = new TreeMap<>();
  final SortedMap<String, Long> errorCodes = new TreeMap<>();
  final SortedMap<String, Long> transportErrors = new TreeMap<>();
  final List<String> acceptedIds = new ArrayList<>();
  /** messageIds answered DUPLICATE with a verified receipt: an earlier submission was accepted. */
  final List<String> duplicateIds = new ArrayList<>();
  long unverified;
  String firstUnverifiedReason;

  /** Checks every answer, on every core. */
  static ReceiptTally of(List<Answer> answers, EnvelopeChecker checker) {
    ReceiptTally tally = new ReceiptTally();
    answers.parallelStream().forEach(answer -> {
      Verdict verdict = check(answer, checker);
      synchronized (tally) {
        tally.add(answer, verdict);
      }
    });
    return tally;
  }

  private record Verdict(ReceiptSummary receipt, String unverifiedReason) {}

  private static Verdict check(Answer answer, EnvelopeChecker checker) {
    if (answer.transportError() != null) {
      return null;
    }
    ReceiptSummary receipt;
    try {
      receipt = answer.body().length == 0 ? null : ReceiptSummary.of(checker.parse(answer.body()));
    } catch (MessageRejectedException e) {
      receipt = null;
    }
    if (receipt == null) {
      return new Verdict(null, "HTTP " + answer.httpStatus() + ": the answer is not a receipt");
    }
    if (!answer.submission().messageId().equals(receipt.refToMessageId())) {
      return new Verdict(receipt, "the receipt answers " + ReceiptSummary.printable(receipt.refToMessageId())
          + ", not " + answer.submission().messageId());
    }
    List<EnvelopeChecker.Outcome> outcomes = checker.check(answer.body());
    EnvelopeChecker.Outcome system = outcomes.stream()
        .filter(outcome -> outcome.signature().equals("SystemSignature")).findFirst().orElse(null);
    if (system == null) {
      return new Verdict(receipt, "the receipt is not signed");
    }
    return new Verdict(receipt, system.verified() ? null : "SystemSignature: " + system.reason());
  }

  private void add(Answer answer, Verdict verdict) {
    if (verdict == null) {
      transportErrors.merge(answer.transportError(), 1L, Long::sum);
      return;
    }
    if (verdict.receipt() != null) {
      statuses.merge(verdict.receipt().status(), 1L, Long::sum);
      verdict.receipt().errors().forEach(error -> errorCodes.merge(error.code(), 1L, Long::sum));
    }
    if (verdict.unverifiedReason() != null) {
      unverified++;
      if (firstUnverifiedReason == null) {
        firstUnverifiedReason = verdict.unverifiedReason();
      }
    } else if ("ACCEPTED".equals(verdict.receipt().status())) {
      acceptedIds.add(answer.submission().messageId());
    } else if ("DUPLICATE".equals(verdict.receipt().status())) {
      duplicateIds.add(answer.submission().messageId());
    }
  }
}
