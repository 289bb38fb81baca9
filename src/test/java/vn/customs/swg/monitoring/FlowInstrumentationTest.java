package vn.customs.swg.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.inbound.InboundMessage;
import vn.customs.swg.receipt.ReceiptStatus;
import vn.customs.swg.receipt.Verdict;
import vn.customs.swg.testsupport.DevConfiguration;

/**
 * The flow instrumentation on a Camel context without Spring, with routes shaped like the
 * gateway's (ids, error-handling configuration, bean steps): every bean step of a flow is timed
 * under the names of its route file, the whole flow too, the inbound verdict is counted once, and
 * the log context lives exactly as long as the exchange.
 */
class FlowInstrumentationTest {

  private static final String ROUTES = """
      - routeConfiguration:
          id: error-handling
          onException:
            - onException:
                exception:
                  - vn.customs.swg.MessageRejectedException
                handled:
                  constant: "true"
                steps:
                  - bean: { ref: probe, method: rejected }
      - route:
          id: receive-message
          routeConfigurationId: error-handling
          from:
            uri: direct:receive-message
            steps:
              - setVariable:
                  name: inbound
                  simple: "${body}"
              - bean: { ref: probe, method: look }
              - filter:
                  simple: "${header.refuse} == 'yes'"
                  steps:
                    - bean: { ref: probe, method: refuse }
              - bean: { ref: probe, method: accept }
      - route:
          id: something-else
          from:
            uri: direct:something-else
            steps:
              - bean: { ref: probe, method: look }
      """;

  /** The steps: each notes the log context it ran in. */
  public static final class Probe {
    final List<Map<String, String>> contexts = new ArrayList<>();

    public InboundMessage look(InboundMessage message) {
      contexts.add(mdc());
      return message;
    }

    public void refuse(InboundMessage message) {
      throw new MessageRejectedException(ErrorCode.RTE_002, "no route in this test");
    }

    public Verdict accept(InboundMessage message) {
      return new Verdict(202, ReceiptStatus.ACCEPTED, List.of(), new byte[0]);
    }

    public Verdict rejected(Exchange exchange) {
      contexts.add(mdc());
      ErrorCode code = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, MessageRejectedException.class).errorCode();
      return new Verdict(code.httpStatus(), ReceiptStatus.REJECTED, List.of(code), new byte[0]);
    }

    private static Map<String, String> mdc() {
      Map<String, String> copy = MDC.getCopyOfContextMap();
      return copy == null ? Map.of() : new HashMap<>(copy);
    }
  }

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Probe probe = new Probe();
  private CamelContext camel;
  private ProducerTemplate producer;

  @BeforeEach
  void startCamel() throws Exception {
    camel = new DefaultCamelContext();
    camel.getRegistry().bind("probe", probe);
    camel.getCamelContextExtension().addInterceptStrategy(new StepTimers(registry));
    camel.addRoutePolicyFactory(new FlowPolicy(registry,
        new OutcomeCounters(registry, DevConfiguration.partners(), DevConfiguration.catalogue())));
    PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("flows.camel.yaml", ROUTES));
    camel.start();
    producer = camel.createProducerTemplate();
  }

  @AfterEach
  void stopCamel() {
    camel.stop();
    MDC.clear();
  }

  @Test
  void timesEveryBeanStepOfTheFlowUnderItsRouteFileName() {
    submit(false);
    producer.sendBody("direct:something-else", fromQueue("bidv"));

    assertThat(step("probe.look").count()).as("the flow's step only, not the other route's").isEqualTo(1);
    assertThat(step("probe.accept").count()).isEqualTo(1);
    assertThat(step("probe.refuse").count()).as("registered at start, not run").isZero();
    assertThat(step("probe.rejected").count()).as("the flow's error handling is a step too").isZero();
    assertThat(registry.find(StepTimers.STEP).timers())
        .allSatisfy(timer -> assertThat(timer.getId().getTag("flow")).isEqualTo("inbound"))
        .hasSize(4);
    assertThat(flow("ACCEPTED").count()).isEqualTo(1);
  }

  @Test
  void countsTheVerdictOnceWhicheverBeanGaveIt() {
    submit(false);
    submit(true);
    submit(true);

    assertThat(messages("ACCEPTED", "none")).isEqualTo(1.0);
    assertThat(messages("REJECTED", "SWG-RTE-002")).isEqualTo(2.0);
    assertThat(step("probe.rejected").count()).isEqualTo(2);
    assertThat(flow("REJECTED").count()).isEqualTo(2);
  }

  @Test
  void theLogContextLastsAsLongAsTheExchange() {
    // what a pooled thread might still hold from another message
    MDC.put(MessageLogContext.MESSAGE_ID, "STALE-ID");

    submit(true);

    assertThat(probe.contexts).hasSize(2).allSatisfy(context -> {
      assertThat(context).containsEntry(MessageLogContext.PARTNER, "bidv");
      assertThat(context).doesNotContainKey(MessageLogContext.MESSAGE_ID);
    });
    assertThat(MDC.get(MessageLogContext.PARTNER)).isNull();
    assertThat(MDC.get(MessageLogContext.MESSAGE_ID)).isNull();
  }

  /** A submission from bidv's queue whose envelope was not admitted: no messageId, no type. */
  private void submit(boolean refuse) {
    Object answer = producer.requestBodyAndHeader("direct:receive-message", fromQueue("bidv"), "refuse",
        refuse ? "yes" : "no");
    assertThat(answer).isInstanceOf(Verdict.class);
  }

  private static InboundMessage fromQueue(String partner) {
    return new InboundMessage(InboundMessage.Channel.JMS, OffsetDateTime.now(),
        "<not-read/>".getBytes(StandardCharsets.UTF_8), partner);
  }

  private Timer step(String name) {
    Timer timer = registry.find(StepTimers.STEP).tags("flow", "inbound", "step", name).timer();
    assertThat(timer).as("timer of step %s", name).isNotNull();
    return timer;
  }

  private Timer flow(String result) {
    Timer timer = registry.find(FlowPolicy.FLOW).tags("flow", "inbound", "result", result).timer();
    assertThat(timer).isNotNull();
    return timer;
  }

  private double messages(String outcome, String code) {
    return registry.get(OutcomeCounters.MESSAGES).tags("direction", "INBOUND", "partner", "bidv", "type", "other",
        "outcome", outcome, "code", code).counter().count();
  }
}
