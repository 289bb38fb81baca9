package vn.customs.swg.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.SwgHeaders;
import vn.customs.swg.inbound.InboundMessage;
import vn.customs.swg.receipt.Verdict;

/**
 * Observes each exchange of the inbound and outbound flow from its start to its end, error
 * handling included. It times the whole flow ({@value #FLOW}, tagged flow and result), counts the
 * inbound verdict, and owns the log context: cleared and set when the exchange starts, removed when
 * it ends, so a pooled thread never carries one message's context into the next.
 *
 * <p>The end of receive-message is the single place where every inbound outcome is known exactly
 * once, whichever bean answered: {@code receipts.accepted}, {@code receipts.duplicate},
 * {@code rejections.rejected}, or {@code rejections.failed} (which answers ACCEPTED when the
 * message already reached its queue). Counting the {@link Verdict} there cannot count a message
 * twice, even when a step after the receipt fails and the error handler answers again.
 *
 * <p>Results: inbound, the receipt's status (ACCEPTED, DUPLICATE, REJECTED), NONE if the flow
 * ended without one; outbound, SENT (signed and delivered or handed to the partner's channel, or a
 * redelivery already recorded), REJECTED (dead-lettered) or ERROR (rolled back for the broker to
 * redeliver).
 */
public final class FlowPolicy implements RoutePolicyFactory {

  static final String FLOW = "swg.flow";
  private static final String START_NANOS = "swgFlowStartNanos";

  private enum Result { ACCEPTED, DUPLICATE, REJECTED, NONE, SENT, ERROR }

  private final MeterRegistry registry;
  private final OutcomeCounters counters;

  public FlowPolicy(MeterRegistry registry, OutcomeCounters counters) {
    this.registry = registry;
    this.counters = counters;
  }

  @Override
  public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
    Flow flow = Flow.ofRoute(routeId);
    return flow == null ? null : new Observer(flow);
  }

  /** The policy of one flow's route, with that flow's timers registered up front. */
  private final class Observer extends RoutePolicySupport {

    private final Flow flow;
    private final Map<Result, Timer> timers = new EnumMap<>(Result.class);

    Observer(Flow flow) {
      this.flow = flow;
      for (Result result : flow == Flow.INBOUND
          ? new Result[] {Result.ACCEPTED, Result.DUPLICATE, Result.REJECTED, Result.NONE}
          : new Result[] {Result.SENT, Result.REJECTED, Result.ERROR}) {
        timers.put(result, StepTimers.latency(Timer.builder(FLOW).description("Latency of a whole message flow"))
            .tag("flow", flow.tag())
            .tag("result", result.name())
            .register(registry));
      }
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
      exchange.setProperty(START_NANOS, System.nanoTime());
      MessageLogContext.clear();
      flow.publishLogContext(exchange);
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
      try {
        Result result = flow == Flow.INBOUND ? inbound(exchange) : outbound(exchange);
        Long started = exchange.getProperty(START_NANOS, Long.class);
        if (started != null) {
          timers.get(result).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
      } finally {
        MessageLogContext.clear();
      }
    }

    private Result inbound(Exchange exchange) {
      if (!(exchange.getMessage().getBody() instanceof Verdict verdict)) {
        // No receipt: the channel answers SYS-001 itself (HTTP) or the broker redelivers (JMS).
        return Result.NONE;
      }
      InboundMessage message = exchange.getVariable(SwgHeaders.INBOUND_VARIABLE, InboundMessage.class);
      String partner = message == null ? null : Flow.partnerOf(message);
      String type = message == null ? null : message.messageType() != null ? message.messageType().name()
          : message.header() == null ? null : message.header().messageType();
      counters.inbound(partner, type, verdict.status(), verdict.errors());
      return Result.valueOf(verdict.status().name());
    }

    private static Result outbound(Exchange exchange) {
      if (exchange.getException() != null) {
        return Result.ERROR;
      }
      return exchange.getProperty(Exchange.EXCEPTION_CAUGHT) instanceof MessageRejectedException
          ? Result.REJECTED : Result.SENT;
    }
  }
}
