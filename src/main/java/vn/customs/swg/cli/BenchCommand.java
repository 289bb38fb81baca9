package vn.customs.swg.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.customs.swg.bench.BackendConsumers;
import vn.customs.swg.bench.BackendQueueDrain;
import vn.customs.swg.bench.BenchReport;
import vn.customs.swg.bench.DeliveryLedger;
import vn.customs.swg.bench.LoadRun;
import vn.customs.swg.bench.PartnerConnections;
import vn.customs.swg.bench.LoadRun.Submission;

/**
 * {@code bench}: the load generator of issue 7. Signs every message before the clock starts
 * ({@link BenchSender}: dev partners, several message types, unique messageIds), posts them with
 * {@link LoadRun} in a closed loop ({@code --concurrency}) or an open one ({@code --rate}), then
 * checks every receipt ({@link ReceiptTally}) and, with {@code --broker}, consumes the back-end
 * queues while the run goes on, as the back-ends do ({@link BackendConsumers}), and matches them
 * against the ACCEPTED receipts per messageId ({@link DeliveryLedger}).
 * Prints a table, or with {@code --json} one JSON object ({@link BenchReport}); {@code --report}
 * writes that object to a file as well. Exit 0 only when
 * every message was ACCEPTED with a verified receipt, nothing failed in transport and on-queue
 * equals ACCEPTED; 1 otherwise; 2 on a usage or set-up error. Consuming is destructive: only
 * against a gateway whose back-end queues nobody else needs (no demo simulator either, it
 * consumes them).
 */
@Command(name = "bench", sortOptions = false, description = "Load-test a gateway: pre-signed messages at a"
    + " concurrency or a rate; latency, receipts, back-end queues.")
final class BenchCommand implements Callable<Integer> {

  @ParentCommand
  PartnerCli cli;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--url", paramLabel = "<url>", defaultValue = "http://localhost:8080/api/v1/messages",
      description = "Gateway endpoint (default: ${DEFAULT-VALUE}).")
  URI url;

  @Option(names = "--messages", paramLabel = "<n>", defaultValue = "1000",
      description = "Messages to pre-sign and send (default: ${DEFAULT-VALUE}); with --rate and --duration: rate x duration.")
  int messages;

  @Option(names = "--concurrency", paramLabel = "<n>", defaultValue = "16",
      description = "Senders in a closed loop; with --rate, most messages outstanding (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--rate", paramLabel = "<msg/s>",
      description = "Open loop at this many messages per second; latency from each message's due time.")
  Double rate;

  @Option(names = "--duration", paramLabel = "<duration>", converter = DurationConverter.class,
      description = "Stop sending after this long, e.g. 30s (messages left are not sent).")
  Duration duration;

  @Option(names = "--warm-up", paramLabel = "<n>", defaultValue = "0",
      description = "Messages sent first at the same concurrency, not measured (default: ${DEFAULT-VALUE}).")
  int warmUp;

  @Option(names = "--sender", paramLabel = "<partner[:identity]=example.xml>",
      description = "A sender of the mix; repeat. Default: the dev partners moit, vcb, bidv (as 01202001) and asw-id"
          + " with LICENCE_RESULT, TAX_PAYMENT_NOTICE, EFORM_D and ACDD.")
  List<String> senders;

  @Option(names = "--dev-pki", paramLabel = "<dir>", defaultValue = "certs/dev",
      description = "Where partners/<partner>/keystore.p12 are (default: ${DEFAULT-VALUE}).")
  Path devPki;

  @Option(names = "--key-password", paramLabel = "<password>", defaultValue = "changeit",
      description = "Password of those keystores (the dev PKI's by default).")
  char[] keyPassword;

  @Option(names = "--verify-with", paramLabel = "<ca.pem>", defaultValue = "certs/dev/ca/gateway-ca.pem",
      description = "CA the receipts' gateway signature must chain to (default: ${DEFAULT-VALUE}).")
  Path verifyWith;

  @Mixin
  PartnerTlsOptions tls = new PartnerTlsOptions();

  @Option(names = "--broker", paramLabel = "<url>",
      description = "Count the back-end queues on this broker, e.g. tcp://127.0.0.1:61616 (the gateway's"
          + " gateway.broker.loopback-acceptor). CONSUMES them: drains stale messages before the run, then takes"
          + " each message off as it arrives, as the back-ends do, until the queues are quiet after the run.")
  String broker;

  @Option(names = "--queue", paramLabel = "<queue>",
      description = "Back-end queue to count; repeat (default: the three back-end queues of the dev catalogue).")
  List<String> queues;

  @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "30s", converter = DurationConverter.class,
      description = "Connect and response timeout per message (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--latencies", paramLabel = "<file.tsv>",
      description = "Write one line per message sent: when its latency began (UTC, milliseconds), the latency in"
          + " ms, the partner, the HTTP status. Puts the slow answers on a time line, beside the gateway's logs.")
  Path latenciesFile;

  @Option(names = "--json", description = "Print the report as one JSON object (progress goes to standard error).")
  boolean json;

  @Option(names = "--report", paramLabel = "<file.json>",
      description = "Also write the JSON report to this file (for scripts: nothing else is in it).")
  Path reportFile;

  @Override
  public Integer call() throws InterruptedException, IOException {
    LoadRun.Settings settings = settings();
    int count = rate != null && duration != null ? (int) Math.ceil(rate * duration.toMillis() / 1000.0) : messages;
    if (count < 1 || warmUp < 0) {
      throw new IllegalArgumentException("--messages must be at least 1 and --warm-up not negative");
    }
    List<Submission> all = presign(warmUp + count);
    PartnerConnections connections = tls.connections(timeout);
    if (warmUp > 0) {
      LoadRun.Result warm = new LoadRun(new LoadRun.Settings(url, concurrency, 0, null, timeout), connections)
          .run(all.subList(0, warmUp));
      progress("warm-up: %d messages, %.1f messages/s", warm.answers().size(), warm.throughput());
    }
    BackendQueueDrain drain = broker == null ? null : new BackendQueueDrain(broker, backendQueues());
    AtomicLong stale = new AtomicLong();
    if (drain != null) {
      // Leftovers (warm-up included) would otherwise count as this run's unexpected messages.
      drain.drain(id -> stale.incrementAndGet());
    }

    DeliveryLedger ledger = new DeliveryLedger();
    long cpuBefore = processCpuNanos();
    LoadRun.Result result;
    long senderCpu;
    Map<String, Long> onQueues = null;
    // The back-end queues are consumed while the run goes on, as the back-ends do (BackendConsumers).
    // The partners' connections close with the run: the gateway's threads for them are freed.
    try (connections; BackendConsumers backends =
        drain == null ? null : BackendConsumers.start(broker, backendQueues(), ledger::onQueue)) {
      result = new LoadRun(settings, connections).run(all.subList(warmUp, all.size()));
      senderCpu = processCpuNanos() - cpuBefore;
      progress("sent %d messages in %.1f s; waiting for the back-end queues to go quiet", result.answers().size(),
          seconds(result.elapsedNanos()));
      if (backends != null) {
        onQueues = backends.finish();
      }
    }
    ReceiptTally tally = ReceiptTally.of(result.answers(),
        new EnvelopeChecker(EnvelopeChecker.trusting(List.of(verifyWith), "--verify-with"), cli.clock));
    tally.acceptedIds.forEach(ledger::accepted);

    BenchReport report = new BenchReport(rate == null ? "closed" : "open", concurrency, rate == null ? 0 : rate,
        count, result.answers().size(), result.notSent(), seconds(result.elapsedNanos()), result.throughput(),
        BenchReport.Latency.of(result.latency()), tally.statuses, tally.errorCodes, tally.transportErrors,
        tally.unverified, tally.firstUnverifiedReason, drain == null ? null : stale.get(), onQueues,
        drain == null ? null : ledger.summary(),
        result.answers().isEmpty() ? 0 : Math.round(senderCpu / 1e4 / result.answers().size()) / 100.0);
    if (json) {
      cli.out.println(report.toJson());
    } else {
      report.print(cli.out);
    }
    if (latenciesFile != null) {
      writeLatencies(result.answers());
    }
    if (reportFile != null) {
      Files.writeString(reportFile, report.toJson() + System.lineSeparator());
    }
    return report.passed() ? PartnerCli.OK : PartnerCli.FAILED;
  }

  private void writeLatencies(List<LoadRun.Answer> answers) throws IOException {
    StringBuilder out = new StringBuilder("started_at\tlatency_ms\tpartner\thttp_status\n");
    answers.stream().sorted(Comparator.comparingLong(LoadRun.Answer::startedAtMillis)).forEach(answer ->
        out.append(Instant.ofEpochMilli(answer.startedAtMillis())).append('\t')
            .append(String.format(Locale.ROOT, "%.2f", answer.latencyMicros() / 1000.0)).append('\t')
            .append(answer.submission().partner()).append('\t').append(answer.httpStatus()).append('\n'));
    Files.writeString(latenciesFile, out);
  }

  private List<String> backendQueues() {
    return queues == null ? BackendQueueDrain.BACKEND_QUEUES : queues;
  }

  /** Every message of the run, signed now: the senders of the mix take turns. */
  private List<Submission> presign(int total) {
    List<BenchSender> mix = new ArrayList<>();
    for (String spec : senders == null ? BenchSender.DEV_MIX : senders) {
      mix.add(BenchSender.parse(spec, devPki, keyPassword));
    }
    long start = System.nanoTime();
    List<Submission> all = BenchSender.presign(mix, total, cli.clock);
    progress("pre-signed %d messages from %d senders in %.1f s", all.size(), mix.size(),
        seconds(System.nanoTime() - start));
    return all;
  }

  private LoadRun.Settings settings() {
    if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
      throw new IllegalArgumentException("--url must be an http or https URL");
    }
    if (rate != null && !(rate > 0)) {
      throw new IllegalArgumentException("--rate must be positive");
    }
    if (duration != null && duration.toMinutes() >= 10) {
      // Every message is signed before the run with sentAt = now: the gateway refuses a sentAt
      // more than 15 minutes (gateway.admission.max-clock-skew) away from its clock.
      throw new IllegalArgumentException("--duration must stay under 10 minutes: pre-signed messages go stale");
    }
    return new LoadRun.Settings(url, concurrency, rate == null ? 0 : rate, duration, timeout);
  }

  /**
   * CPU time of this whole process so far: the senders, the HTTP client's threads, and anything
   * else of the JVM (GC, JIT) while they run. Receipts are checked after the clock stops.
   */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private void progress(String format, Object... args) {
    cli.err.println(String.format(Locale.ROOT, format, args));
  }

  private static double seconds(long nanos) {
    return Math.round(nanos / 1e7) / 100.0;
  }
}
