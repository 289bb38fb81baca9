package vn.customs.swg.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import vn.customs.swg.inbound.InboundMessage;
import vn.customs.swg.monitoring.FlowPolicy;
import vn.customs.swg.monitoring.OutcomeCounters;
import vn.customs.swg.monitoring.StepTimers;
import vn.customs.swg.receipt.ReceiptStatus;
import vn.customs.swg.receipt.Verdict;
import vn.customs.swg.testsupport.DevConfiguration;

/**
 * What the flow instrumentation adds to one inbound exchange: a receive-message route with the
 * real flow's 15 steps as no-op beans, run bare and with {@link StepTimers} and {@link FlowPolicy}
 * on a Prometheus registry (15 step timers, the flow timer, the verdict counter, the log context).
 * The difference between the two is the overhead per message. Run with bench/flow-instrumentation.sh
 * (add {@code -prof gc} for bytes allocated per message). On a machine shared with other work,
 * wall-clock scores vary more than the difference: {@link #main} measures the CPU time of the
 * sending thread instead, bare and instrumented in alternating rounds (bench/flow-instrumentation.sh --cpu).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FlowInstrumentationBenchmark {

  private static final List<String> STEPS = List.of("admit", "identifyClaimedSender", "verifySignature",
      "validateCertificate", "bindCertificateToSender", "matchTransportIdentity", "authorise", "deduplicate",
      "validate", "recordAccepted", "counterSign", "prepare", "send", "markDispatched");

  /** The flow's beans, doing nothing: only the routing and the instrumentation cost time. */
  public static final class NoOpSteps {
    private static final Verdict ACCEPTED = new Verdict(202, ReceiptStatus.ACCEPTED, List.of(), new byte[0]);

    public InboundMessage step(InboundMessage message) {
      return message;
    }

    public Verdict accepted(InboundMessage message) {
      return ACCEPTED;
    }
  }

  @Param({"false", "true"})
  public boolean instrumented;

  private CamelContext camel;
  private ProducerTemplate producer;
  private InboundMessage message;

  @Setup
  public void start() throws Exception {
    StringBuilder routes = new StringBuilder("""
        - route:
            id: receive-message
            from:
              uri: direct:receive-message
              steps:
                - setVariable:
                    name: inbound
                    simple: "${body}"
        """);
    for (String step : STEPS) {
      // a distinct ref per step, as in the real route, so each step has its own timer
      routes.append("        - bean: { ref: ").append(step).append(", method: step }\n");
    }
    routes.append("        - bean: { ref: receipts, method: accepted }\n");
    camel = new DefaultCamelContext();
    NoOpSteps beans = new NoOpSteps();
    STEPS.forEach(step -> camel.getRegistry().bind(step, beans));
    camel.getRegistry().bind("receipts", beans);
    if (instrumented) {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      camel.getCamelContextExtension().addInterceptStrategy(new StepTimers(registry));
      camel.addRoutePolicyFactory(new FlowPolicy(registry,
          new OutcomeCounters(registry, DevConfiguration.partners(), DevConfiguration.catalogue())));
    }
    PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("bench.camel.yaml", routes.toString()));
    camel.start();
    producer = camel.createProducerTemplate();
    message = new InboundMessage(InboundMessage.Channel.JMS, OffsetDateTime.now(),
        "<bench/>".getBytes(StandardCharsets.UTF_8), "bidv");
  }

  @TearDown
  public void stop() {
    camel.stop();
  }

  @Benchmark
  public Object inboundExchange() {
    return producer.requestBody("direct:receive-message", message);
  }

  /** Prints the median CPU time per exchange, bare and instrumented, over alternating rounds. */
  public static void main(String[] args) throws Exception {
    FlowInstrumentationBenchmark bare = new FlowInstrumentationBenchmark();
    FlowInstrumentationBenchmark instrumented = new FlowInstrumentationBenchmark();
    instrumented.instrumented = true;
    bare.start();
    instrumented.start();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    int exchanges = 30_000;
    int warmUp = 3;
    long[][] perExchange = new long[2][9];
    for (int round = 0; round < warmUp + perExchange[0].length; round++) {
      FlowInstrumentationBenchmark[] both = {bare, instrumented};
      for (int i = 0; i < both.length; i++) {
        long start = cpu.getCurrentThreadCpuTime();
        for (int n = 0; n < exchanges; n++) {
          both[i].inboundExchange();
        }
        if (round >= warmUp) {
          perExchange[i][round - warmUp] = (cpu.getCurrentThreadCpuTime() - start) / exchanges;
        }
      }
    }
    for (long[] rounds : perExchange) {
      Arrays.sort(rounds);
    }
    System.out.printf("CPU time per inbound exchange (median of %d rounds of %d): bare %d ns, instrumented %d ns%n",
        perExchange[0].length, exchanges, perExchange[0][perExchange[0].length / 2],
        perExchange[1][perExchange[1].length / 2]);
    bare.stop();
    instrumented.stop();
  }
}
