package vn.customs.swg.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.customs.swg.bench.BackendQueueDrain;
import vn.customs.swg.bench.DeliveryLedger;
import vn.customs.swg.bench.LoadRun;
import vn.customs.swg.bench.LoadRun.Answer;
import vn.customs.swg.bench.LoadRun.Submission;
import vn.customs.swg.bench.PartnerConnections;

/**
 * {@code fault-load}: one row of the reliability suite (bench/reliability.sh). Sends pre-signed
 * messages at a steady rate while a fault command runs (kill a node, restart the broker, stop the
 * database), then behaves as a partner does: every message answered 5xx or lost in transport is
 * resent, byte for byte, until a verified ACCEPTED or DUPLICATE receipt comes back. After a settle
 * time (the gateway's dispatch grace period, so its sweepers have run), it drains the back-end
 * queues and prints one line: sent, accepted, on queue, duplicates, lost, and unexpected (on a queue
 * although never acknowledged). With {@code --twin-url} every message is posted to both URLs at once
 * (the same message sent to both nodes). Exit 0 only when nothing is lost, duplicated or unexpected
 * and every message was acknowledged in the end. Drains the queues: never against a real back-end.
 */
@Command(name = "fault-load", sortOptions = false,
    description = "One reliability-suite row: steady load, a fault command, partner resends, then the back-end queues.")
final class FaultLoadCommand implements Callable<Integer> {

  @ParentCommand
  PartnerCli cli;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--name", defaultValue = "load", description = "The row's name in the output.")
  String name;

  @Option(names = "--url", required = true, description = "Gateway endpoint (the load balancer).")
  URI url;

  @Option(names = "--twin-url", description = "Post every message to this endpoint too, at the same time.")
  URI twinUrl;

  @Option(names = "--rate", defaultValue = "20", description = "Messages per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--duration", defaultValue = "20s", converter = DurationConverter.class,
      description = "How long the load lasts (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--concurrency", defaultValue = "16", description = "Most messages outstanding (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--fault", description = "Shell command run during the load (its own recovery included).")
  String fault;

  @Option(names = "--fault-at", defaultValue = "5s", converter = DurationConverter.class,
      description = "When the fault command starts after the load (default: ${DEFAULT-VALUE}).")
  Duration faultAt;

  @Option(names = "--resend-for", defaultValue = "180s", converter = DurationConverter.class,
      description = "How long unacknowledged messages are resent after the load (default: ${DEFAULT-VALUE}).")
  Duration resendFor;

  @Option(names = "--settle", defaultValue = "15s", converter = DurationConverter.class,
      description = "Wait before draining the queues: more than gateway.dispatch.grace plus a sweep (default: ${DEFAULT-VALUE}).")
  Duration settle;

  @Mixin
  PartnerTlsOptions tls = new PartnerTlsOptions();

  @Option(names = "--broker", required = true, description = "Broker holding the back-end queues (drained).")
  String broker;

  @Option(names = "--dev-pki", defaultValue = "certs/dev", description = "partners/<partner>/keystore.p12 are here.")
  Path devPki;

  @Option(names = "--key-password", defaultValue = "changeit", description = "Password of those keystores.")
  char[] keyPassword;

  @Option(names = "--verify-with", defaultValue = "certs/dev/ca/gateway-ca.pem",
      description = "CA the receipts' gateway signature must chain to.")
  Path verifyWith;

  @Option(names = "--timeout", defaultValue = "30s", converter = DurationConverter.class,
      description = "Connect and response timeout per message (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    List<BenchSender> mix = new ArrayList<>();
    for (String spec : BenchSender.DEV_MIX) {
      mix.add(BenchSender.parse(spec, devPki, keyPassword));
    }
    int count = (int) Math.ceil(rate * duration.toSeconds());
    List<Submission> all = BenchSender.presign(mix, count, cli.clock);
    EnvelopeChecker checker = new EnvelopeChecker(EnvelopeChecker.trusting(List.of(verifyWith), "--verify-with"), cli.clock);
    BackendQueueDrain drain = new BackendQueueDrain(broker, BackendQueueDrain.BACKEND_QUEUES);
    AtomicLong stale = new AtomicLong();
    drain.drain(id -> stale.incrementAndGet());

    CompletableFuture<Integer> faultRun = FaultCommand.start(fault, faultAt);
    List<Answer> answers = new ArrayList<>(post(all, new LoadRun.Settings(url, concurrency, rate, null, timeout)));
    int faultExit = faultRun.get(15, TimeUnit.MINUTES);

    Set<String> acknowledged = new HashSet<>();
    List<Submission> pending = settle(answers, checker, acknowledged);
    int resends = 0;
    long resendUntil = System.nanoTime() + resendFor.toNanos();
    while (!pending.isEmpty() && System.nanoTime() < resendUntil) {
      Thread.sleep(2000);
      resends += pending.size();
      List<Answer> again = post(pending, new LoadRun.Settings(url, Math.min(concurrency, 4), 0, null, timeout));
      pending = settle(again, checker, acknowledged);
    }
    Thread.sleep(settle.toMillis());

    DeliveryLedger ledger = new DeliveryLedger();
    acknowledged.forEach(ledger::accepted);
    drain.drain(ledger::onQueue);
    DeliveryLedger.Summary summary = ledger.summary();
    boolean passed = summary.lost() == 0 && summary.duplicates() == 0 && summary.unexpected() == 0
        && pending.isEmpty() && acknowledged.size() == all.size() && faultExit == 0;
    cli.out.printf("ROW\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s%n", name, all.size(), acknowledged.size(),
        summary.onQueue(), summary.duplicates(), summary.lost(), summary.unexpected(), pending.size(), resends,
        passed ? "ok" : "FAIL");
    if (!passed) {
      cli.err.println(name + ": lost " + summary.lostIds() + ", duplicated " + summary.duplicatedIds()
          + ", unexpected " + summary.unexpectedIds() + ", never acknowledged " + pending.size()
          + (faultExit == 0 ? "" : ", fault command exited " + faultExit));
    }
    return passed ? PartnerCli.OK : PartnerCli.FAILED;
  }

  private List<Answer> post(List<Submission> submissions, LoadRun.Settings settings) throws Exception {
    if (twinUrl == null) {
      return postOnce(submissions, settings);
    }
    LoadRun.Settings twin = new LoadRun.Settings(twinUrl, settings.concurrency(), settings.rate(), null, timeout);
    CompletableFuture<List<Answer>> other = CompletableFuture.supplyAsync(() -> {
      try {
        return postOnce(submissions, twin);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    });
    List<Answer> answers = new ArrayList<>(postOnce(submissions, settings));
    answers.addAll(other.get());
    return answers;
  }

  /** One round of posts on connections of its own, closed when the round is answered. */
  private List<Answer> postOnce(List<Submission> submissions, LoadRun.Settings settings) throws InterruptedException {
    try (PartnerConnections connections = tls.connections(timeout)) {
      return new LoadRun(settings, connections).run(submissions).answers();
    }
  }

  /** Adds the acknowledged messageIds; returns the submissions a partner would send again. */
  private static List<Submission> settle(List<Answer> answers, EnvelopeChecker checker, Set<String> acknowledged) {
    ReceiptTally tally = ReceiptTally.of(answers, checker);
    acknowledged.addAll(tally.acceptedIds);
    acknowledged.addAll(tally.duplicateIds);
    List<Submission> again = new ArrayList<>();
    Set<String> queued = new HashSet<>();
    for (Answer answer : answers) {
      String id = answer.submission().messageId();
      boolean retryable = answer.transportError() != null || answer.httpStatus() >= 500;
      if (retryable && !acknowledged.contains(id) && queued.add(id)) {
        again.add(answer.submission());
      }
    }
    return again;
  }
}
