package vn.customs.swg.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jms.UncategorizedJmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.testsupport.BackendQueues;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.EndToEndTest;
import vn.customs.swg.testsupport.GatewayClient;
import vn.customs.swg.testsupport.GatewayReceipts;
import vn.customs.swg.testsupport.TestMessages;

/**
 * When the back-end queue cannot be written (steps 6-8), the partner gets a signed, retryable
 * SWG-RTE-004 with HTTP 503 and Retry-After, the idempotency key is released, and the resend of the
 * same message is accepted and forwarded exactly once. When the store fails after the send, the
 * message is not released: a resend is a duplicate, never a second delivery.
 */
@EndToEndTest
// Its own broker (in-VM server id) and database: the shared end-to-end context lives in the same JVM.
@TestPropertySource(properties = {
    "gateway.node-id=swg-node-fault-test",
    "spring.artemis.embedded.server-id=8",
    "spring.datasource.url=jdbc:h2:mem:swg-dispatch-failure;DB_CLOSE_DELAY=-1"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DispatchFailureIT {

  @LocalServerPort int port;
  @Autowired CamelContext camel;
  @Autowired JmsTemplate jmsTemplate;
  @Autowired EmbeddedActiveMQ broker;

  @Autowired Recording recording;

  // This class has its own application context (DirtiesContext): the route is advised once for it.
  private static final AtomicBoolean ADVISED = new AtomicBoolean();
  private static final AtomicInteger brokerFailuresLeft = new AtomicInteger();
  private static final AtomicInteger storeFailuresLeft = new AtomicInteger();
  private BackendQueues queues;

  @BeforeEach
  void breakTheBackendQueueOnDemand() throws Exception {
    queues = new BackendQueues(jmsTemplate, broker);
    queues.clearAll();
    if (ADVISED.getAndSet(true)) {
      return;
    }
    AdviceWith.adviceWith(camel, "receive-message", route -> route.weaveByToUri("jms:*").before().process(exchange -> {
      if (brokerFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new UncategorizedJmsException("broker unavailable (test)");
      }
    }));
    AdviceWith.adviceWith(camel, "receive-message", route -> route.weaveById("mark-dispatched").replace().process(exchange -> {
      InboundMessage message = exchange.getMessage().getBody(InboundMessage.class);
      if (storeFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        message.onBackendQueue(true);
        throw new DataAccessResourceFailureException("database unavailable (test)");
      }
      recording.markDispatched(message);
    }));
  }

  @Test
  void storeOutageAfterTheSendNeitherLosesNorRepeatsTheMessage() {
    GatewayClient gateway = new GatewayClient(port);
    byte[] submission = XmlOutput.toBytes(TestMessages.sign(TestMessages.fresh("TAX_PAYMENT_NOTICE"), DevPartner.load("vcb")));
    storeFailuresLeft.set(3);

    GatewayClient.Answer answer = gateway.submit(submission);

    // It is stored and on its queue, which is what ACCEPTED promises.
    assertThat(answer.receiptStatus()).isEqualTo("ACCEPTED");
    assertThat(queues.count("customs.payments.in")).isEqualTo(1L);

    GatewayClient.Answer resent = gateway.submit(submission);

    assertThat(resent.receiptStatus()).isEqualTo("DUPLICATE");
    assertThat(queues.count("customs.payments.in")).as("not forwarded twice").isEqualTo(1L);
  }

  @Test
  void brokerOutageIsRetryableAndTheResendIsForwardedOnce() {
    GatewayClient gateway = new GatewayClient(port);
    byte[] submission = XmlOutput.toBytes(TestMessages.sign(TestMessages.fresh("TAX_PAYMENT_NOTICE"), DevPartner.load("vcb")));
    // more failures than the route's short redelivery absorbs
    brokerFailuresLeft.set(3);

    GatewayClient.Answer refused = gateway.submit(submission);

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.response().headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.errorCodes()).containsExactly("SWG-RTE-004");
    assertThat(refused.text("retryable")).isEqualTo("true");
    GatewayReceipts.assertSignedByGateway(refused);
    assertThat(queues.countAll()).isZero();

    GatewayClient.Answer resent = gateway.submit(submission);

    assertThat(resent.status()).isEqualTo(202);
    assertThat(resent.receiptStatus()).isEqualTo("ACCEPTED");
    assertThat(queues.count("customs.payments.in")).isEqualTo(1L);
  }
}
