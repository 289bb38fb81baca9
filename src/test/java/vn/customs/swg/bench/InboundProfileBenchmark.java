package vn.customs.swg.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.jms.core.JmsTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.testsupport.BackendQueues;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.GatewayClient;
import vn.customs.swg.testsupport.GatewayReceipts;
import vn.customs.swg.testsupport.TestMessages;

/**
 * The gateway's inbound path under load, profiled (issue 7, parts 4 and 5): a gateway started in
 * this JVM on embedded defaults with persistence on (H2 on disk and a persistent Artemis journal,
 * both in a temporary folder; dev profile, no demo simulator) takes valid signed messages of the
 * dev partners over keep-alive HTTP from a fixed number of concurrent senders, while a JFR
 * recording runs. It prints throughput, latency percentiles, errors, the messages on the back-end
 * queues (which must equal the ACCEPTED answers) and the recording's hot spots: the gateway's
 * threads' own frames, the first gateway class on their stacks, and where they allocate.
 *
 * <p>Messages are signed before the clock starts (the senders share the machine with the
 * gateway); every 50th receipt is checked to be signed by the gateway. A warm-up share of the
 * messages goes first, unrecorded. {@code --size-cap} is the memory check instead: rounds of 32
 * envelopes just under the size cap (gateway.admission.max-message-bytes), all posted at once,
 * printing the live heap after each collection at its highest and whether any answer failed;
 * run it with {@code -Xmx512m} (the senders' pending bodies share that heap, which only makes the
 * check stricter). Exit status 1 on any failed answer or lost message. Run with bench/profile.sh.
 */
public final class InboundProfileBenchmark {

  /** Who sends what: the dev partners and the inbound types each may send. */
  private static final List<String[]> SENDERS = List.of(new String[] {"moit", "LICENCE_RESULT"},
      new String[] {"vcb", "TAX_PAYMENT_NOTICE"}, new String[] {"asw-id", "EFORM_D"}, new String[] {"asw-id", "ACDD"});
  private static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
  private static final int RECEIPT_CHECK_EVERY = 50;

  private final GatewayClient gateway;
  private final BackendQueues queues;
  private final StepTimes steps;
  private final LongAdder accepted = new LongAdder();
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

  private InboundProfileBenchmark(GatewayClient gateway, BackendQueues queues, StepTimes steps) {
    this.steps = steps;
    this.gateway = gateway;
    this.queues = queues;
  }

  public static void main(String[] args) throws Exception {
    boolean sizeCap = Arrays.asList(args).contains("--size-cap");
    Path folder = Files.createTempDirectory("swg-profile");
    Path jfr = Path.of(text(args, "--jfr", "target/profile-" + (sizeCap ? "size-cap" : "load") + ".jfr"));
    boolean passed;
    try (InProcessGateway started = InProcessGateway.start(List.of(),
        "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("db/swg") + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64",
        "--spring.artemis.embedded.persistent=true",
        "--spring.artemis.embedded.data-directory=" + folder.resolve("artemis"),
        "--spring.artemis.embedded.server-id=45",
        "--server.port=0",
        "--management.server.port=0")) {
      System.out.println("profile: the route's JMS endpoint sends through "
          + started.context().getBean(org.apache.camel.CamelContext.class)
              .getComponent("jms", org.apache.camel.component.jms.JmsComponent.class).getConnectionFactory());
      BackendQueues queues = new BackendQueues(started.context().getBean(JmsTemplate.class),
          started.context().getBean(EmbeddedActiveMQ.class));
      InboundProfileBenchmark benchmark = new InboundProfileBenchmark(
          new GatewayClient(started.port(), java.time.Duration.ofMinutes(sizeCap ? 5 : 1)), queues,
          new StepTimes(started.context().getBean(MeterRegistry.class)));
      passed = sizeCap
          ? benchmark.sizeCap(option(args, "--rounds", 6), option(args, "--concurrency", 32), jfr)
          : benchmark.load(option(args, "--messages", 6000), option(args, "--warm-up", 1000),
              option(args, "--concurrency", 12), option(args, "--seconds", 45), jfr);
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    System.exit(passed ? 0 : 1);
  }

  /** Posts the messages at a fixed concurrency, the warm-up share first, and profiles the rest. */
  boolean load(int messages, int warmUp, int concurrency, int seconds, Path jfr) throws Exception {
    System.out.printf("profile: signing %d messages of %d partners before the clock starts%n", messages, 3);
    List<byte[]> signed = presign(messages);
    long queuedBefore;
    long acceptedBefore;
    List<byte[]> measured = signed.subList(Math.min(warmUp, signed.size()), signed.size());
    long[] nanos;
    long elapsed;
    long cpu;
    Instant measuredFrom;
    // The recording starts before the warm-up: starting JFR retransforms the JDK's instrumented
    // classes, which throws away compiled code that depends on them (thousands of methods, the
    // BigInteger arithmetic of RSA among them), and on two cores C2 needs half a minute to compile it
    // again. Started after the warm-up, it would profile the interpreter, not the gateway.
    try (Recording recording = startRecording()) {
      run(signed.subList(0, Math.min(warmUp, signed.size())), concurrency, Long.MAX_VALUE);
      queuedBefore = queues.countAll();
      acceptedBefore = accepted.sum();
      measuredFrom = Instant.now();
      steps.mark();
      long cpuBefore = processCpuNanos();
      long start = System.nanoTime();
      nanos = run(measured, concurrency, start + seconds * 1_000_000_000L);
      elapsed = System.nanoTime() - start;
      cpu = processCpuNanos() - cpuBefore;
      recording.dump(jfr);
    }
    long acceptedNow = accepted.sum() - acceptedBefore;
    long queued = queues.countAll() - queuedBefore;
    System.out.println();
    System.out.println("profile: JVM " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
        + " cores, max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, "
        + ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.printf("profile: %d answers in %.1f s at concurrency %d: %.1f messages/s%n",
        nanos.length, elapsed / 1e9, concurrency, nanos.length / (elapsed / 1e9));
    // On a shared machine the CPU time per message says more than messages/s: others' work does not add to it.
    System.out.printf("profile: CPU time of this process %.1f s: %.2f ms per message (the senders' HTTP "
        + "client and receipt parsing included)%n", cpu / 1e9, ms(cpu / Math.max(1, nanos.length)));
    System.out.printf("profile: latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        ms(CorpusReplayBenchmark.percentile(nanos, 50)), ms(CorpusReplayBenchmark.percentile(nanos, 90)),
        ms(CorpusReplayBenchmark.percentile(nanos, 99)), ms(CorpusReplayBenchmark.percentile(nanos, 100)));
    System.out.printf("profile: accepted %d, on back-end queues %d, failures %s%n", acceptedNow, queued, failures);
    steps.print(nanos.length);
    HotSpots.print(jfr, measuredFrom);
    boolean passed = failures.isEmpty() && queued == acceptedNow;
    System.out.println("profile: " + (passed ? "PASS" : "FAIL") + " (recording: " + jfr + ")");
    return passed;
  }

  /**
   * Rounds of envelopes at the size cap, a round's all posted at once; reports the live heap
   * after every collection at its highest, the pools' peak use, and any failed answer.
   */
  boolean sizeCap(int rounds, int concurrency, Path jfr) throws Exception {
    AtomicLong highestLive = watchLiveHeap();
    List<long[]> times = new ArrayList<>();
    int size = 0;
    long[] heapBefore = CorpusReplayBenchmark.liveHeapAfterGc();
    resetPeaks();
    highestLive.set(0);
    try (Recording recording = startRecording()) {
      for (int round = 1; round <= rounds; round++) {
        // Signed between rounds, one at a time: signing a 2 MB document is heavy, and the senders'
        // work must not be what fills the heap.
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
          batch.add(atTheCap());
        }
        size = batch.get(0).length;
        long[] nanos = run(batch, concurrency, Long.MAX_VALUE);
        times.add(nanos);
        batch.clear();
        System.out.printf("profile: size cap round %d: %d envelopes of %d bytes at once, slowest %.0f ms, "
            + "live heap highest so far %.1f MB, failures so far %s%n", round, concurrency, size,
            ms(Arrays.stream(nanos).max().orElse(0)), mb(highestLive.get()), failures);
      }
      recording.dump(jfr);
    }
    long peakUsed = heapPools().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    long accepted = this.accepted.sum();
    System.out.println();
    System.out.println("profile: JVM " + Runtime.version() + ", max heap " + mb(Runtime.getRuntime().maxMemory())
        + " MB, " + ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.printf("profile: size cap: %d rounds of %d concurrent envelopes of %d bytes (cap %d)%n",
        rounds, concurrency, size, MAX_MESSAGE_BYTES);
    System.out.printf("profile: live heap before %.1f MB; highest live heap after a collection during the rounds "
        + "%.1f MB; peak heap use (garbage included) %.1f MB of %.1f MB%n", mb(heapBefore[0]), mb(highestLive.get()),
        mb(peakUsed), mb(Runtime.getRuntime().maxMemory()));
    long[] all = times.stream().flatMapToLong(Arrays::stream).toArray();
    System.out.printf("profile: answers %d, accepted %d, on back-end queues %d, failures %s; "
        + "latency p50 %.0f ms, max %.0f ms%n", all.length, accepted, queues.countAll(), failures,
        ms(CorpusReplayBenchmark.percentile(all, 50)), ms(CorpusReplayBenchmark.percentile(all, 100)));
    System.out.println("profile: RSS " + CorpusReplayBenchmark.rss());
    HotSpots.print(jfr, Instant.MIN);
    boolean passed = failures.isEmpty() && accepted == (long) rounds * concurrency && queues.countAll() == accepted;
    System.out.println("profile: size cap " + (passed ? "PASS" : "FAIL") + " (recording: " + jfr + ")");
    return passed;
  }

  /**
   * Posts the messages from {@code concurrency} senders until all are answered or the deadline
   * passes; returns each answer's round-trip time.
   */
  private long[] run(List<byte[]> messages, int concurrency, long deadline) throws Exception {
    AtomicInteger next = new AtomicInteger();
    long[] nanos = new long[messages.size()];
    AtomicInteger answered = new AtomicInteger();
    ExecutorService senders = Executors.newFixedThreadPool(concurrency, r -> new Thread(r, "sender"));
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < concurrency; t++) {
        running.add(senders.submit(() -> {
          for (int i = next.getAndIncrement(); i < messages.size() && System.nanoTime() < deadline;
              i = next.getAndIncrement()) {
            long start = System.nanoTime();
            String failure = submit(messages.get(i), i);
            nanos[i] = System.nanoTime() - start;
            answered.incrementAndGet();
            if (failure != null) {
              failures.computeIfAbsent(failure, f -> new LongAdder()).increment();
            }
          }
        }));
      }
      for (Future<?> sender : running) {
        sender.get();
      }
    } finally {
      senders.shutdown();
    }
    return Arrays.copyOf(nanos, Math.min(answered.get(), nanos.length));
  }

  /** One submission; null if it was ACCEPTED with a receipt that checks, otherwise what went wrong. */
  private String submit(byte[] message, int index) {
    try {
      GatewayClient.Answer answer = gateway.submit(message);
      if (answer.status() != 202 || !"ACCEPTED".equals(answer.receiptStatus())) {
        return answer.status() + " " + answer.receiptStatus() + " " + answer.errorCodes();
      }
      if (index % RECEIPT_CHECK_EVERY == 0) {
        GatewayReceipts.assertSignedByGateway(answer);
      }
      accepted.increment();
      return null;
    } catch (RuntimeException | AssertionError | OutOfMemoryError e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  /** Distinct signed messages, partners and types in turn, signed on every core. */
  private static List<byte[]> presign(int count) {
    List<DevPartner> partners = SENDERS.stream().map(s -> DevPartner.load(s[0])).toList();
    return IntStream.range(0, count).parallel()
        .mapToObj(i -> TestMessages.signed(SENDERS.get(i % SENDERS.size())[1], partners.get(i % SENDERS.size())))
        .toList();
  }

  private static DevPartner aswPartner;

  /**
   * An EFORM_D of asw-id grown to just under the size cap with copies of its first goods item (the
   * schema allows up to 9999), signed: schema-valid, so it goes the whole way to the back-end queue.
   */
  static byte[] atTheCap() {
    if (aswPartner == null) {
      aswPartner = DevPartner.load("asw-id");
    }
    Document document = TestMessages.fresh("EFORM_D");
    Element items = (Element) TestMessages.bodyDocument(document)
        .getElementsByTagNameNS("urn:vn:customs:swg:eform-d:1", "goodsItems").item(0);
    Element first = (Element) items.getElementsByTagNameNS("urn:vn:customs:swg:eform-d:1", "goodsItem").item(0);
    Element description = (Element) first.getElementsByTagNameNS("urn:vn:customs:swg:eform-d:1", "description").item(0);
    description.setTextContent("Palm olein in jerry cans, lot " + "0123456789".repeat(95));
    int before = XmlOutput.toBytes(document).length;
    items.appendChild(numbered(first, 3));
    int itemBytes = XmlOutput.toBytes(document).length - before;
    int room = MAX_MESSAGE_BYTES - before - itemBytes - 8 * 1024; // the signature and a margin
    for (int n = 4, copies = room / itemBytes; n < 4 + copies; n++) {
      items.appendChild(numbered(first, n));
    }
    byte[] bytes = XmlOutput.toBytes(TestMessages.sign(document, aswPartner));
    if (bytes.length > MAX_MESSAGE_BYTES || bytes.length < MAX_MESSAGE_BYTES - 64 * 1024) {
      throw new IllegalStateException("envelope of " + bytes.length + " bytes, meant to be just under the cap");
    }
    return bytes;
  }

  private static Node numbered(Element item, int number) {
    Element copy = (Element) item.cloneNode(true);
    copy.getElementsByTagNameNS("urn:vn:customs:swg:eform-d:1", "itemNumber").item(0).setTextContent(Integer.toString(number));
    return copy;
  }

  /** The highest heap occupancy right after any collection (the live data plus what survived). */
  private static AtomicLong watchLiveHeap() {
    AtomicLong highest = new AtomicLong();
    List<String> heapPoolNames = heapPools().map(MemoryPoolMXBean::getName).toList();
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
          GarbageCollectionNotificationInfo info =
              GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
          long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
              .filter(pool -> heapPoolNames.contains(pool.getKey())).mapToLong(pool -> pool.getValue().getUsed()).sum();
          highest.accumulateAndGet(after, Math::max);
        }
      }, null, null);
    }
    return highest;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static Stream<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP);
  }

  private static void resetPeaks() {
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static Recording startRecording() throws Exception {
    Recording recording = new Recording(Configuration.getConfiguration("profile"));
    recording.setToDisk(true);
    recording.start();
    return recording;
  }

  /**
   * The gateway's own step timers (swg.flow.step, swg.flow) over the measured part: the wall time
   * each step of the inbound flow took per message, waits for a lock or a core included. At a low
   * concurrency that is close to the step's CPU time; at a high one it shows where messages queue.
   */
  static final class StepTimes {

    private final MeterRegistry registry;
    private final Map<String, double[]> before = new ConcurrentHashMap<>();

    StepTimes(MeterRegistry registry) {
      this.registry = registry;
    }

    void mark() {
      before.clear();
      before.putAll(read());
    }

    void print(int answers) {
      Map<String, double[]> now = read();
      System.out.println("profile: wall time per answered message in the flow's steps (timers swg.flow.step, swg.flow):");
      now.entrySet().stream()
          .map(e -> Map.entry(e.getKey(), new double[] {
              e.getValue()[0] - before.getOrDefault(e.getKey(), new double[2])[0],
              e.getValue()[1] - before.getOrDefault(e.getKey(), new double[2])[1]}))
          .filter(e -> e.getValue()[0] > 0)
          .sorted((a, b) -> Double.compare(b.getValue()[1], a.getValue()[1]))
          .forEach(e -> System.out.printf("profile:   %8.2f ms  %6d calls  %s%n",
              e.getValue()[1] / Math.max(1, answers), (long) e.getValue()[0], e.getKey()));
    }

    private Map<String, double[]> read() {
      Map<String, double[]> totals = new TreeMap<>();
      for (Timer timer : registry.find("swg.flow.step").timers()) {
        totals.put(timer.getId().getTag("flow") + " " + timer.getId().getTag("step"), new double[] {
            timer.count(), timer.totalTime(TimeUnit.MILLISECONDS)});
      }
      for (Timer timer : registry.find("swg.flow").timers()) {
        totals.put(timer.getId().getTag("flow") + " (whole flow, " + timer.getId().getTags() + ")", new double[] {
            timer.count(), timer.totalTime(TimeUnit.MILLISECONDS)});
      }
      return totals;
    }
  }

  /**
   * What the recording says of the gateway's own threads (not the senders' nor their HTTP
   * client's): the hottest frames, the gateway classes the time is spent under, and allocations.
   */
  static final class HotSpots {

    private static final int TOP = 15;

    /** @param from events before this instant (the warm-up) are left out */
    static void print(Path jfr, Instant from) throws Exception {
      Map<String, Long> self = new ConcurrentHashMap<>();
      Map<String, Long> gatewayFrame = new ConcurrentHashMap<>();
      Map<String, Long> allocatedUnder = new ConcurrentHashMap<>();
      Map<String, Long> allocatedClass = new ConcurrentHashMap<>();
      long samples = 0;
      for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
        String thread = event.getThread() == null ? "" : String.valueOf(event.getThread().getJavaName());
        if (thread.startsWith("sender") || thread.startsWith("HttpClient") || event.getStackTrace() == null
            || event.getStartTime().isBefore(from)) {
          continue;
        }
        RecordedStackTrace stack = event.getStackTrace();
        switch (event.getEventType().getName()) {
          case "jdk.ExecutionSample" -> {
            samples++;
            self.merge(name(stack.getFrames().get(0)), 1L, Long::sum);
            gatewayFrame.merge(firstGatewayFrame(stack), 1L, Long::sum);
          }
          case "jdk.ObjectAllocationSample" -> {
            long weight = event.getLong("weight");
            allocatedUnder.merge(firstGatewayFrame(stack), weight, Long::sum);
            allocatedClass.merge(event.getClass("objectClass").getName(), weight, Long::sum);
          }
          default -> { }
        }
      }
      System.out.println("profile: " + samples + " execution samples of the gateway's threads");
      top("hottest frames (self)", self, samples, "%");
      top("first gateway frame on the stack", gatewayFrame, samples, "%");
      top("allocation by first gateway frame", allocatedUnder, 0, "MB");
      top("allocation by class", allocatedClass, 0, "MB");
    }

    private static void top(String title, Map<String, Long> counts, long total, String unit) {
      System.out.println("profile: " + title + ":");
      counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
          .forEach(e -> System.out.printf("profile:   %7.1f %s  %s%n",
              unit.equals("%") ? 100.0 * e.getValue() / total : e.getValue() / (1024.0 * 1024.0), unit, e.getKey()));
    }

    private static String firstGatewayFrame(RecordedStackTrace stack) {
      return stack.getFrames().stream().map(HotSpots::name).filter(n -> n.startsWith("vn.customs.swg."))
          .findFirst().orElse("(outside the gateway's classes)");
    }

    private static String name(RecordedFrame frame) {
      return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
  }

  private static int option(String[] args, String name, int fallback) {
    return Integer.parseInt(text(args, name, Integer.toString(fallback)));
  }

  private static String text(String[] args, String name, String fallback) {
    return Arrays.stream(args).filter(a -> a.startsWith(name + "=")).findFirst()
        .map(a -> a.substring(name.length() + 1)).orElse(fallback);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
