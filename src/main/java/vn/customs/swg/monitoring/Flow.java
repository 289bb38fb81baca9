package vn.customs.swg.monitoring;

import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.model.RouteDefinition;
import vn.customs.swg.SwgHeaders;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.inbound.InboundMessage;
import vn.customs.swg.outbound.OutboundMessage;

/**
 * The two message flows that are observed, named as in ARCHITECTURE.md, with the route each is
 * (error handling included) and the exchange variable that holds the flow's message context. Anything else Camel runs (partner queue routes, the simulator) is not
 * a flow here.
 */
enum Flow {
  INBOUND("inbound", "receive-message", SwgHeaders.INBOUND_VARIABLE),
  OUTBOUND("outbound", "send-outbound", "outbound");

  private final String tag;
  private final String routeId;
  private final String contextVariable;

  Flow(String tag, String routeId, String contextVariable) {
    this.tag = tag;
    this.routeId = routeId;
    this.contextVariable = contextVariable;
  }

  /** The value of the {@code flow} tag. */
  String tag() {
    return tag;
  }

  /** The flow a route is, or null. */
  static Flow ofRoute(String routeId) {
    for (Flow flow : values()) {
      if (flow.routeId.equals(routeId)) {
        return flow;
      }
    }
    return null;
  }

  /**
   * The flow a route node belongs to, or null: the route among its parents, else (the steps of an
   * error handler from a route configuration have no parent route) the route being created.
   */
  static Flow ofNode(NamedNode node, String routeBeingCreated) {
    for (NamedNode n = node; n != null; n = n.getParent()) {
      if (n instanceof RouteDefinition route) {
        return ofRoute(route.getRouteId());
      }
    }
    return routeBeingCreated == null ? null : ofRoute(routeBeingCreated);
  }

  /**
   * Puts what the flow has established so far about its message into the log context: the
   * message context variable once the route has set it, the body before that.
   */
  void publishLogContext(Exchange exchange) {
    if (MessageLogContext.complete()) {
      return;
    }
    Object context = exchange.getVariable(contextVariable);
    if (context == null) {
      context = exchange.getMessage().getBody();
    }
    if (context instanceof InboundMessage message) {
      MessageLogContext.put(messageId(message.header()), partnerOf(message));
    } else if (context instanceof OutboundMessage message) {
      MessageLogContext.put(messageId(message.header()), message.receiver() == null ? null : message.receiver().id());
    }
  }

  /**
   * The partner an inbound message is attributed to: the one its transport authenticated (partner
   * queue), else the registered partner its envelope claims to come from, else null.
   */
  static String partnerOf(InboundMessage message) {
    if (message.transportPartnerId() != null) {
      return message.transportPartnerId();
    }
    return message.sender() == null ? null : message.sender().id();
  }

  private static String messageId(EnvelopeHeader header) {
    return header == null ? null : header.messageId();
  }
}
