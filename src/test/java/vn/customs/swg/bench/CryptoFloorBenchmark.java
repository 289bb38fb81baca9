package vn.customs.swg.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.w3c.dom.Document;
import vn.customs.swg.RoutingBlock;
import vn.customs.swg.admission.AdmittedEnvelope;
import vn.customs.swg.admission.EnvelopeReader;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.bench.LoadRun.Submission;
import vn.customs.swg.cli.BenchSender;
import vn.customs.swg.receipt.ReceiptEnvelope;
import vn.customs.swg.receipt.ReceiptStatus;
import vn.customs.swg.signature.MessageSigner;
import vn.customs.swg.signature.SenderSignatureVerifier;
import vn.customs.swg.signature.SignatureProfile;
import vn.customs.swg.testsupport.DevPartner;

/**
 * The cryptographic floor of one inbound message (issue 7): the work no gateway that checks and
 * signs can skip. Per operation: the sender signature verified with the gateway's own verifier
 * (exclusive C14N of Header and Body, two digests, one RSA or ECDSA verification), then the two
 * gateway signatures with the gateway's signer and key (certs/dev/gateway/keystore.p12): the
 * counter-signature of the forwarded envelope (Routing added, four references) and the receipt's.
 * Parsing and building the documents happen outside the measured time, per invocation (an
 * operation takes milliseconds, so JMH's per-invocation set-up costs nothing measurable).
 *
 * <p>The messages are those the load generator sends ({@code bench}'s default mix,
 * {@link BenchSender#DEV_MIX}), taken in the same turns: moit (RSA-2048), vcb (RSA-2048), bidv
 * (RSA-3072) and asw-id twice (ECDSA P-256). Verifying a P-256 signature costs the JDK several
 * times an RSA one, so a floor measured on one RSA sender alone would set a ceiling the mix
 * cannot reach. Run with bench/crypto-floor.sh: it prints operations per second for one thread,
 * and the ceiling, that rate times the cores. {@code -Dswg.floor.sender=<spec>} measures one
 * sender alone (a {@code bench --sender} spec, e.g. {@code vcb=schemas/bank/tax-payment-notice/example.xml}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CryptoFloorBenchmark {

  /** Distinct signed messages per sender of the mix; they are verified again and again, which is fine. */
  private static final int PER_SENDER = 20;

  private final HardenedXmlParser parser = HardenedXmlParser.withDefaults();
  private final EnvelopeReader reader = new EnvelopeReader();
  private SenderSignatureVerifier verifier;
  private MessageSigner gateway;
  private List<Submission> submissions;
  private int next;
  private Document envelope;
  private Document receipt;

  @Setup(Level.Trial)
  public void loadKeys() {
    verifier = new SenderSignatureVerifier(new SignatureProfile());
    DevPartner key = DevPartner.gateway();
    gateway = new MessageSigner(key.key(), key.chain());
    String one = System.getProperty("swg.floor.sender");
    List<BenchSender> senders = (one == null ? BenchSender.DEV_MIX : List.of(one)).stream()
        .map(spec -> BenchSender.parse(spec, Path.of("certs/dev"), "changeit".toCharArray()))
        .toList();
    submissions = BenchSender.presign(senders, senders.size() * PER_SENDER, Clock.systemUTC());
  }

  /**
   * The next sender's submission, freshly parsed, with its Routing block, and an unsigned receipt,
   * as the gateway has them. The senders take turns, as in the load generator.
   */
  @Setup(Level.Invocation)
  public void nextMessage() {
    Submission submission = submissions.get(next++ % submissions.size());
    envelope = parser.parse(submission.body());
    AdmittedEnvelope admitted = reader.read(envelope, submission.body());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(7));
    new RoutingBlock("swg-node-1", now, "HTTP", submission.partner(), "customs.payments.in",
        "0".repeat(64)).addTo(admitted);
    receipt = new ReceiptEnvelope("GATEWAY", "TCHQ", "BANK", admitted.header().fromIdentity(),
        "TCHQ" + "0".repeat(32), now, admitted.header().messageId(), ReceiptStatus.ACCEPTED, now, List.of())
        .toDocument();
  }

  @Benchmark
  public void verifyAndSignTwice(Blackhole blackhole) {
    blackhole.consume(verifier.verify(envelope, false)); // throws if the signature is refused
    gateway.signAsGateway(envelope);
    gateway.signAsGateway(receipt);
  }

  /**
   * Runs the benchmark on one thread and prints the ceiling for this machine: 3 warm-up iterations
   * of 3 s, 5 measured of 4 s, one fork. {@code --quick} halves the iterations (bench/run.sh).
   * {@code --threads=N} runs it again on N threads at once and prints what N threads really get
   * together: on a virtual machine two "cores" may share one physical core, and then the
   * ceiling of one thread's rate times the cores is higher than the machine can reach.
   */
  public static void main(String[] args) throws RunnerException {
    boolean quick = List.of(args).contains("--quick");
    int parallel = List.of(args).stream().filter(arg -> arg.startsWith("--threads="))
        .map(arg -> Integer.parseInt(arg.substring("--threads=".length()))).findFirst().orElse(0);
    RunResult result = run(quick, 1);
    double perThread = result.getPrimaryResult().getScore();
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "crypto floor: %.1f messages/s on one thread (%.3f ms per message, +- %.1f)%n",
        perThread, 1000 / perThread, result.getPrimaryResult().getScoreError());
    if (parallel > 1) {
      RunResult together = run(quick, parallel);
      double total = together.getPrimaryResult().getScore();
      System.out.printf(Locale.ROOT,
          "on %d threads at once: %.1f messages/s together (+- %.1f), %.0f %% of %d x one thread%n",
          parallel, total, together.getPrimaryResult().getScoreError(), 100 * total / (perThread * parallel), parallel);
    }
    System.out.printf(Locale.ROOT, "ceiling: %.1f messages/s = %.1f x %d cores%n", perThread * cores, perThread, cores);
    System.out.printf(Locale.ROOT, "ceiling=%.1f%n", perThread * cores);
  }

  private static RunResult run(boolean quick, int threads) throws RunnerException {
    Options options = new OptionsBuilder().include(CryptoFloorBenchmark.class.getSimpleName() + ".verifyAndSignTwice")
        .forks(1).threads(threads).warmupIterations(quick ? 2 : 3).warmupTime(TimeValue.seconds(3))
        .measurementIterations(quick ? 3 : 5).measurementTime(TimeValue.seconds(4)).build();
    return new Runner(options).runSingle();
  }
}
