package vn.customs.swg.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import vn.customs.swg.testsupport.BackendQueues;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.EndToEndTest;
import vn.customs.swg.testsupport.GatewayClient;
import vn.customs.swg.testsupport.GatewayReceipts;
import vn.customs.swg.testsupport.TestMessages;

/**
 * A submission that finds no room in the in-flight budget is answered with the retryable
 * SWG-SYS-002 and a signed receipt, and nothing of it reaches a back-end queue; once room is given
 * back, the next one goes through.
 */
@EndToEndTest
// Its own broker (in-VM server id) and database: the shared end-to-end context lives in the same JVM.
@TestPropertySource(properties = {
    "gateway.node-id=swg-node-budget-test",
    "gateway.admission.max-in-flight-wait=PT0S",
    "spring.artemis.embedded.server-id=46",
    "spring.datasource.url=jdbc:h2:mem:swg-in-flight-budget;DB_CLOSE_DELAY=-1"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class InFlightBudgetIT {

  @LocalServerPort int port;
  @Autowired InFlightBudget budget;
  @Autowired JmsTemplate jmsTemplate;
  @Autowired EmbeddedActiveMQ broker;

  @Test
  void aFullBudgetIsAnsweredWithTheRetryableRateLimitAndRoomAgainLetsTheNextOneThrough() {
    GatewayClient gateway = new GatewayClient(port);
    BackendQueues queues = new BackendQueues(jmsTemplate, broker);
    long queuedBefore = queues.countAll();
    DevPartner vcb = DevPartner.load("vcb");

    GatewayClient.Answer refused;
    try (InFlightBudget.Share everything = budget.take(Integer.MAX_VALUE)) {
      assertThat(everything).isNotNull();
      refused = gateway.submit(TestMessages.signed("TAX_PAYMENT_NOTICE", vcb));
    }

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.receiptStatus()).isEqualTo("REJECTED");
    assertThat(refused.errorCodes()).containsExactly("SWG-SYS-002");
    assertThat(refused.response().headers().firstValue("Retry-After")).isPresent();
    GatewayReceipts.assertSignedByGateway(refused);
    assertThat(queues.countAll()).isEqualTo(queuedBefore);

    GatewayClient.Answer accepted = gateway.submit(TestMessages.signed("TAX_PAYMENT_NOTICE", vcb));
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.receiptStatus()).isEqualTo("ACCEPTED");
    assertThat(queues.countAll()).isEqualTo(queuedBefore + 1);
  }
}
