package vn.customs.swg.simulator;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.SwgHeaders;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.config.ConfigurationException;

/**
 * The simulated back-ends' listeners: one route per back-end queue ({@code simulate-licensing},
 * {@code simulate-payments}, {@code simulate-asw}), each answering what arrives with
 * {@link BackendSimulator} and putting the reply on the outbound queue as a persistent text
 * message with the JMS properties of ENVELOPE.md section 7.
 *
 * <p>Java DSL on purpose: the YAML files in routes/ are the gateway's wiring, loaded in every run
 * and read as its flows. The simulator stands in for systems outside the gateway and exists only
 * with the demo profile, so its routes live with it, in this package, and appear in routes/ never.
 *
 * <p>Each route consumes in a local JMS transaction that also covers the send to the outbound
 * queue: a reply is sent exactly when the request is consumed, and a broker failure rolls both
 * back for redelivery. A message the simulator cannot answer (unknown type, unreadable, or an
 * invalid reply: a simulator bug) is logged at ERROR and consumed without a reply; redelivering it
 * would fail the same way.
 */
@Component
@Profile("demo")
class SimulatorRoutes extends RouteBuilder {

  // one logger for the simulator's lines, whatever the route: logging.level.vn.customs.swg.simulator
  private static final String LOG = SimulatorRoutes.class.getPackageName();

  private final BackendSimulator simulator;
  private final MessageTypeCatalogue catalogue;
  private final SimulatorProperties properties;

  SimulatorRoutes(BackendSimulator simulator, MessageTypeCatalogue catalogue, SimulatorProperties properties) {
    this.simulator = simulator;
    this.catalogue = catalogue;
    this.properties = properties;
  }

  @Override
  public void configure() {
    onException(UnansweredMessageException.class, MessageRejectedException.class)
        .handled(true)
        .log(LoggingLevel.ERROR, LOG, "${routeId}: no reply to message ${header.swgMessageId}: ${exception.message}");

    String aswQueue = catalogue.queueFor("EFORM_D");
    if (!aswQueue.equals(catalogue.queueFor("ACDD"))) {
      throw new ConfigurationException("the demo simulator answers EFORM_D and ACDD on one queue; "
          + "gateway.message-types gives them " + aswQueue + " and " + catalogue.queueFor("ACDD"));
    }
    simulate("simulate-licensing", catalogue.queueFor("LICENCE_RESULT"));
    simulate("simulate-payments", catalogue.queueFor("TAX_PAYMENT_NOTICE"));
    simulate("simulate-asw", aswQueue);
  }

  private void simulate(String routeId, String queue) {
    from("jms:queue:" + queue + "?transacted=true")
        .routeId(routeId)
        .process(this::answer)
        .log(LoggingLevel.INFO, LOG, "${routeId}: ${header.swgRefToMessageId} answered with ${header.swgMessageType} "
            + "${exchangeProperty.simulatedStatus} as ${header.swgMessageId}")
        .to("jms:queue:" + properties.outboundQueue()
            + "?exchangePattern=InOnly&jmsMessageType=Text&deliveryPersistent=true");
  }

  private void answer(Exchange exchange) throws InvalidPayloadException {
    SimulatedReply reply = simulator.answer(exchange.getMessage().getMandatoryBody(String.class));
    EnvelopeHeader header = reply.header();
    Map<String, Object> headers = exchange.getMessage().getHeaders();
    // only the reply's own properties travel: nothing of the request's JMS message is copied over
    headers.clear();
    putIfPresent(headers, SwgHeaders.MESSAGE_ID, header.messageId());
    putIfPresent(headers, SwgHeaders.MESSAGE_TYPE, header.messageType());
    putIfPresent(headers, SwgHeaders.FUNCTION, header.function());
    putIfPresent(headers, SwgHeaders.CONVERSATION_ID, header.conversationId());
    putIfPresent(headers, SwgHeaders.REF_TO_MESSAGE_ID, header.refToMessageId());
    putIfPresent(headers, "JMSCorrelationID", header.refToMessageId());
    exchange.setProperty("simulatedStatus", reply.status());
    exchange.getMessage().setBody(reply.xml());
  }

  private static void putIfPresent(Map<String, Object> headers, String name, String value) {
    if (value != null && !value.isEmpty()) {
      headers.put(name, value);
    }
  }
}
