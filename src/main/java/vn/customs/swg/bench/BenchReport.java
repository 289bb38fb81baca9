package vn.customs.swg.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import org.HdrHistogram.Histogram;

/**
 * What one bench run found, for people (the table of {@link #print}) and for scripts and the
 * reliability suite ({@link #toJson}, one object). The run passed ({@link #passed}) when every
 * sent message got a verified ACCEPTED receipt, nothing failed in transport and, when the queues
 * were counted, the ledger is consistent: on-queue equals ACCEPTED, nothing lost or duplicated.
 *
 * @param mode "closed" (concurrency) or "open" (rate)
 * @param rate the open loop's messages per second; 0 in a closed loop
 * @param presigned messages signed before the clock started
 * @param sent messages posted (and answered, or failed in transport)
 * @param notSent messages left when the duration was over
 * @param throughput answers per second
 * @param latency milliseconds, from the send (closed) or the due time (open) to the answer
 * @param receiptStatuses receipts by status (ACCEPTED, DUPLICATE, REJECTED), verified or not
 * @param errorCodes error codes over all receipts
 * @param transportErrors exchanges that got no answer, by exception
 * @param unverifiedReceipts answers that were no receipt, did not answer the messageId sent or
 *     whose gateway signature did not verify
 * @param staleOnQueues messages taken off the queues before the run (earlier runs' leftovers)
 * @param onQueues messages per back-end queue after the run; null when not counted
 * @param ledger ACCEPTED against on-queue per messageId; null when not counted
 * @param senderCpuMillisPerMessage CPU time of the load generator's own process while it sent, per
 *     message sent: on the gateway's machine, CPU the gateway did not get
 */
public record BenchReport(String mode, int concurrency, double rate, int presigned, int sent, int notSent,
    double elapsedSeconds, double throughput, Latency latency, SortedMap<String, Long> receiptStatuses,
    SortedMap<String, Long> errorCodes, SortedMap<String, Long> transportErrors, long unverifiedReceipts,
    String firstUnverifiedReason, Long staleOnQueues, Map<String, Long> onQueues, DeliveryLedger.Summary ledger,
    double senderCpuMillisPerMessage) {

  /** Latency percentiles in milliseconds. */
  public record Latency(double p50, double p90, double p99, double max) {

    /** From a histogram of microseconds. */
    public static Latency of(Histogram micros) {
      return new Latency(millis(micros.getValueAtPercentile(50)), millis(micros.getValueAtPercentile(90)),
          millis(micros.getValueAtPercentile(99)), millis(micros.getMaxValue()));
    }

    private static double millis(long micros) {
      return Math.round(micros / 10.0) / 100.0;
    }
  }

  @JsonProperty
  public long accepted() {
    return receiptStatuses.getOrDefault("ACCEPTED", 0L);
  }

  /** Every message sent ACCEPTED with a verified receipt, no transport error, the queues consistent. */
  @JsonProperty
  public boolean passed() {
    return sent > 0 && accepted() == sent && unverifiedReceipts == 0 && transportErrors.isEmpty()
        && (ledger == null || ledger.consistent() && ledger.accepted() == accepted());
  }

  public String toJson() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the bench report as JSON", e);
    }
  }

  public void print(PrintStream out) {
    line(out, "mode", "closed".equals(mode) ? "closed loop, concurrency " + concurrency
        : String.format(Locale.ROOT, "open loop, %.1f messages/s (at most %d outstanding)", rate, concurrency));
    line(out, "messages", sent + " sent of " + presigned + " pre-signed" + (notSent > 0 ? ", " + notSent + " not sent" : ""));
    line(out, "elapsed", String.format(Locale.ROOT, "%.2f s", elapsedSeconds));
    line(out, "throughput", String.format(Locale.ROOT, "%.1f messages/s", throughput));
    line(out, "latency ms", String.format(Locale.ROOT, "p50 %.2f  p90 %.2f  p99 %.2f  max %.2f",
        latency.p50(), latency.p90(), latency.p99(), latency.max()));
    line(out, "sender CPU", String.format(Locale.ROOT, "%.2f ms per message (this process, while it sent)",
        senderCpuMillisPerMessage));
    line(out, "receipts", receiptStatuses.isEmpty() ? "none" : receiptStatuses.toString());
    line(out, "error codes", errorCodes.isEmpty() ? "none" : errorCodes.toString());
    line(out, "transport", transportErrors.isEmpty() ? "no errors" : transportErrors.toString());
    line(out, "unverified", unverifiedReceipts + (firstUnverifiedReason == null ? "" : "  (first: " + firstUnverifiedReason + ")"));
    if (ledger != null) {
      line(out, "stale removed", String.valueOf(staleOnQueues));
      line(out, "on queues", ledger.onQueue() + " " + onQueues);
      line(out, "accepted", String.valueOf(ledger.accepted()));
      line(out, "lost", ledger.lost() + (ledger.lostIds().isEmpty() ? "" : " " + ledger.lostIds()));
      line(out, "duplicates", ledger.duplicates() + (ledger.duplicatedIds().isEmpty() ? "" : " " + ledger.duplicatedIds()));
      line(out, "unexpected", ledger.unexpected() + (ledger.unexpectedIds().isEmpty() ? "" : " " + ledger.unexpectedIds()));
    } else {
      line(out, "on queues", "not counted (no --broker)");
    }
    line(out, "result", passed() ? "PASSED" : "FAILED");
  }

  private static void line(PrintStream out, String name, String value) {
    out.printf("%-16s %s%n", name, value);
  }
}
