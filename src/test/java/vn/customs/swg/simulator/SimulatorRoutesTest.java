package vn.customs.swg.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.swg.simulator.SimulatorFixture.ACDD;
import static vn.customs.swg.simulator.SimulatorFixture.CATALOGUE;
import static vn.customs.swg.simulator.SimulatorFixture.EFORM_D;
import static vn.customs.swg.simulator.SimulatorFixture.LICENCE_RESULT;
import static vn.customs.swg.simulator.SimulatorFixture.TAX_PAYMENT_CONFIRMATION;
import static vn.customs.swg.simulator.SimulatorFixture.TAX_PAYMENT_NOTICE;
import static vn.customs.swg.simulator.SimulatorFixture.admit;
import static vn.customs.swg.simulator.SimulatorFixture.example;
import static vn.customs.swg.simulator.SimulatorFixture.forwarded;

import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.customs.swg.SwgHeaders;
import vn.customs.swg.admission.EnvelopeHeader;

/**
 * The simulator's routes without a broker: the back-end queues are swapped for direct endpoints
 * and swg.outbound for a mock, so what reaches the outbound queue can be read.
 */
class SimulatorRoutesTest {

  private static final List<String> ROUTES = List.of("simulate-licensing", "simulate-payments", "simulate-asw");

  private DefaultCamelContext context;
  private MockEndpoint outbound;
  private ProducerTemplate backEndQueue;

  @BeforeEach
  void startRoutes() throws Exception {
    context = new DefaultCamelContext();
    context.addRoutes(new SimulatorRoutes(SimulatorFixture.simulator(), CATALOGUE,
        new SimulatorProperties("swg.outbound", SimulatorFixture.DEFAULT_OFFICE)));
    for (String route : ROUTES) {
      AdviceWith.adviceWith(context, route, advice -> {
        advice.replaceFromWith("direct:" + route);
        advice.weaveByToUri("jms:queue:swg.outbound?*").replace().to("mock:outbound");
      });
    }
    context.start();
    outbound = context.getEndpoint("mock:outbound", MockEndpoint.class);
    backEndQueue = context.createProducerTemplate();
  }

  @AfterEach
  void stopRoutes() throws Exception {
    context.close();
  }

  @Test
  void consumesTheThreeBackEndQueuesOfTheCatalogue() {
    assertThat(context.getRoutes()).extracting(r -> r.getRouteId()).containsExactlyInAnyOrderElementsOf(ROUTES);
    assertThat(context.getRouteDefinition("simulate-licensing").getInput().getEndpointUri()).isEqualTo("direct:simulate-licensing");
    assertThat(CATALOGUE.queueFor("LICENCE_RESULT")).isEqualTo("customs.licensing.in");
    assertThat(CATALOGUE.queueFor("TAX_PAYMENT_NOTICE")).isEqualTo("customs.payments.in");
    assertThat(CATALOGUE.queueFor("ACDD")).isEqualTo(CATALOGUE.queueFor("EFORM_D")).isEqualTo("customs.asw.in");
  }

  @Test
  void putsEachReplyOnTheOutboundQueueWithItsProperties() throws Exception {
    outbound.expectedMessageCount(4);

    send("simulate-licensing", example(LICENCE_RESULT));
    send("simulate-payments", example(TAX_PAYMENT_NOTICE));
    send("simulate-asw", example(EFORM_D));
    send("simulate-asw", example(ACDD));

    outbound.assertIsSatisfied();
    List<String> replyTypes = outbound.getReceivedExchanges().stream().map(exchange -> {
      Map<String, Object> headers = exchange.getMessage().getHeaders();
      EnvelopeHeader reply = admit(exchange.getMessage().getBody(String.class)).header();
      assertThat(headers).containsOnlyKeys(SwgHeaders.MESSAGE_ID, SwgHeaders.MESSAGE_TYPE, SwgHeaders.FUNCTION,
          SwgHeaders.CONVERSATION_ID, SwgHeaders.REF_TO_MESSAGE_ID, "JMSCorrelationID");
      assertThat(headers).containsEntry(SwgHeaders.MESSAGE_ID, reply.messageId())
          .containsEntry(SwgHeaders.MESSAGE_TYPE, reply.messageType())
          .containsEntry(SwgHeaders.REF_TO_MESSAGE_ID, reply.refToMessageId())
          .containsEntry("JMSCorrelationID", reply.refToMessageId())
          .containsEntry(SwgHeaders.CONVERSATION_ID, reply.conversationId());
      return reply.messageType() + "->" + reply.refToMessageId();
    }).toList();
    assertThat(replyTypes).containsExactly(
        "DOSSIER_STATUS->BCT4260F0C4781A478EBC5D1BA19AB9F818",
        "TAX_PAYMENT_CONFIRMATION->01203001F04F73C2E95143E0B0310AC67548E021",
        "EFORM_D_STATUS->ID8DB28277C43344B6882EEF86D10CD5F7",
        "ACDD_RESPONSE->IDA24AD1863D4A4848B7559CD6827E0871");
  }

  @Test
  void consumesAMessageItCannotAnswerWithoutReplying() throws Exception {
    outbound.expectedMessageCount(0);

    Exchange exchange = send("simulate-payments", example(TAX_PAYMENT_CONFIRMATION));

    assertThat(exchange.isFailed()).isFalse();
    outbound.assertIsSatisfied();
  }

  // as the gateway dispatches: the forwarded envelope with the section 7 properties
  private Exchange send(String route, String request) {
    EnvelopeHeader header = admit(request).header();
    return backEndQueue.send("direct:" + route, exchange -> {
      exchange.getMessage().setBody(forwarded(request));
      exchange.getMessage().setHeader(SwgHeaders.MESSAGE_ID, header.messageId());
      exchange.getMessage().setHeader(SwgHeaders.MESSAGE_TYPE, header.messageType());
      exchange.getMessage().setHeader(SwgHeaders.SENDER_ID, "dev-partner");
      exchange.getMessage().setHeader(SwgHeaders.SENDER_IDENTITY, header.fromIdentity());
    });
  }
}
