package vn.customs.swg.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jms.core.JmsTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.customs.swg.GatewayApplication;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.testsupport.BackendQueues;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.GatewayClient;
import vn.customs.swg.testsupport.TestMessages;

/**
 * A restart loses nothing: a message accepted before it is still on its back-end queue after it
 * (persistent Artemis journal), and deduplication still knows it (H2 file database), so a resend
 * is answered DUPLICATE and not forwarded again.
 */
class GatewayRestartIT {

  @TempDir Path data;

  @Test
  void keepsQueuedMessagesAndDeduplicationAcrossARestart() {
    DevPartner vcb = DevPartner.load("vcb");
    Document document = TestMessages.sign(TestMessages.fresh("TAX_PAYMENT_NOTICE"), vcb);
    byte[] submission = XmlOutput.toBytes(document);

    try (ConfigurableApplicationContext gateway = start()) {
      assertThat(client(gateway).submit(submission).receiptStatus()).isEqualTo("ACCEPTED");
      assertThat(queues(gateway).count("customs.payments.in")).isEqualTo(1L);
    }

    try (ConfigurableApplicationContext gateway = start()) {
      BackendQueues queues = queues(gateway);
      assertThat(queues.count("customs.payments.in")).as("queued message survived the restart").isEqualTo(1L);

      GatewayClient.Answer resend = client(gateway).submit(submission);
      assertThat(resend.receiptStatus()).isEqualTo("DUPLICATE");

      Element amount = (Element) TestMessages.bodyDocument(document).getElementsByTagNameNS("*", "totalAmount").item(0);
      amount.setTextContent("1");
      TestMessages.first(document, "Signatures").getParentNode().removeChild(TestMessages.first(document, "Signatures"));
      GatewayClient.Answer altered = client(gateway).submit(XmlOutput.toBytes(TestMessages.sign(document, vcb)));
      assertThat(altered.errorCodes()).containsExactly("SWG-DUP-001");

      var messages = queues.receiveAll("customs.payments.in");
      assertThat(messages).hasSize(1);
      assertThat(messages.get(0).getStringProperty("swgMessageId")).isEqualTo(TestMessages.messageId(document));
    } catch (jakarta.jms.JMSException e) {
      throw new IllegalStateException(e);
    }
  }

  private ConfigurableApplicationContext start() {
    return SpringApplication.run(GatewayApplication.class,
        "--spring.profiles.active=dev",
        "--server.port=0",
        "--management.server.port=0",
        "--spring.datasource.url=jdbc:h2:file:" + data.resolve("db/swg").toAbsolutePath(),
        "--spring.artemis.embedded.persistent=true",
        "--spring.artemis.embedded.data-directory=" + data.resolve("artemis").toAbsolutePath(),
        "--spring.artemis.embedded.server-id=11");
  }

  private static GatewayClient client(ConfigurableApplicationContext gateway) {
    return new GatewayClient(Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port")));
  }

  private static BackendQueues queues(ConfigurableApplicationContext gateway) {
    return new BackendQueues(gateway.getBean(JmsTemplate.class), gateway.getBean(EmbeddedActiveMQ.class));
  }
}
