package vn.customs.swg.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.spi.InterceptStrategy;

/**
 * Times every step of the inbound and outbound flows ({@value #STEP}, tagged flow and step): each
 * bean step, named {@code <bean ref>.<method>} as in the route file (e.g.
 * {@code senderAuthentication.verifySignature}), and each endpoint send, named
 * {@code <to|toD>:<scheme>} (the persistent JMS sends). Bean steps of the flows' error handling are
 * timed too ({@code rejections.rejected} signs and records a rejection). Camel calls this once per
 * route node when the routes start, so tag values come from the route definitions, never from a
 * message, and each timer is registered once; per message a step costs two clock reads, one
 * callback object and the timer's update.
 */
public final class StepTimers implements InterceptStrategy {

  static final String STEP = "swg.flow.step";

  private final MeterRegistry registry;

  public StepTimers(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
      Processor nextTarget) {
    String step = stepName(definition);
    // An error handler's steps have no route among their parents: they belong to the route being created.
    Flow flow = step == null ? null : Flow.ofNode(definition, context.getCamelContextExtension().getCreateRoute());
    if (flow == null) {
      return target;
    }
    Timer timer = latency(Timer.builder(STEP).description("Latency of one step of a message flow"))
        .tag("flow", flow.tag())
        .tag("step", step)
        .register(registry);
    return new TimedStep(target, timer, flow);
  }

  /** The step's name from its definition; null for steps that are not timed (setVariable, filter...). */
  static String stepName(NamedNode definition) {
    if (definition instanceof BeanDefinition bean && bean.getRef() != null) {
      return bean.getMethod() == null ? bean.getRef() : bean.getRef() + "." + bean.getMethod();
    }
    if (definition instanceof ToDynamicDefinition send) {
      return "toD:" + scheme(send.getUri());
    }
    if (definition instanceof SendDefinition<?> send) {
      return "to:" + scheme(send.getUri());
    }
    return null;
  }

  private static String scheme(String uri) {
    int colon = uri == null ? -1 : uri.indexOf(':');
    return colon < 0 ? "endpoint" : uri.substring(0, colon);
  }

  /**
   * The buckets of the gateway's latency histograms: fixed (a handful of series per timer, enough
   * for {@code histogram_quantile}) from a quarter of a millisecond, where the fast checks are,
   * to ten seconds, beyond the HTTP client's own timeouts.
   */
  static Timer.Builder latency(Timer.Builder builder) {
    return builder.serviceLevelObjectives(
        Duration.ofMillis(1).dividedBy(4), Duration.ofMillis(1).dividedBy(2), Duration.ofMillis(1),
        Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10));
  }
}
