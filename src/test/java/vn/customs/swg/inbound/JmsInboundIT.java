package vn.customs.swg.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;
import org.w3c.dom.Document;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.testsupport.BackendQueues;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.EndToEndTest;
import vn.customs.swg.testsupport.GatewayReceipts;
import vn.customs.swg.testsupport.TestMessages;

/**
 * Inbound over JMS for a partner that connects by queue (dev partner bidv): the same checks as
 * HTTP, the receipt on partner.bidv.out correlated to the submitted messageId, and the queue the
 * message came from must be the sender's own (SWG-SEC-010).
 */
@EndToEndTest
class JmsInboundIT {

  @Autowired JmsTemplate jmsTemplate;
  @Autowired EmbeddedActiveMQ broker;

  private JmsTemplate jms;
  private BackendQueues queues;

  @BeforeEach
  void setUp() {
    jms = new JmsTemplate(jmsTemplate.getConnectionFactory());
    jms.setReceiveTimeout(15_000);
    queues = new BackendQueues(jmsTemplate, broker);
    queues.clearAll();
  }

  @Test
  void messageOnThePartnersQueueIsAcceptedAndReceiptedOnItsOutQueue() throws Exception {
    Document notice = bidvNotice(DevPartner.load("bidv"));
    String messageId = TestMessages.messageId(notice);

    jms.send("partner.bidv.in", session -> session.createTextMessage(new String(XmlOutput.toBytes(notice),
        StandardCharsets.UTF_8)));

    Message receipt = jms.receive("partner.bidv.out");
    assertThat(receipt).as("receipt on partner.bidv.out").isNotNull();
    assertThat(receipt.getJMSCorrelationID()).isEqualTo(messageId);
    assertThat(receipt.getStringProperty("swgReceiptStatus")).isEqualTo("ACCEPTED");
    byte[] body = ((TextMessage) receipt).getText().getBytes(StandardCharsets.UTF_8);
    GatewayReceipts.assertSignedByGateway(body);
    assertThat(queues.count("customs.payments.in")).isEqualTo(1L);
    String forwarded = BackendQueues.text(queues.receiveAll("customs.payments.in").get(0));
    Document routed = HardenedXmlParser.withDefaults().parse(forwarded.getBytes(StandardCharsets.UTF_8));
    assertThat(TestMessages.first(routed, "channel").getTextContent()).isEqualTo("JMS");
    assertThat(TestMessages.first(routed, "partner").getTextContent()).isEqualTo("bidv");
  }

  @Test
  void anotherPartnersMessageOnBidvsQueueIsRefusedWithSec010() throws Exception {
    // Correctly signed by vcb and From vcb, but arriving on bidv's queue.
    Document notice = TestMessages.sign(TestMessages.fresh("TAX_PAYMENT_NOTICE"), DevPartner.load("vcb"));

    jms.send("partner.bidv.in", session -> session.createTextMessage(new String(XmlOutput.toBytes(notice),
        StandardCharsets.UTF_8)));

    Message receipt = jms.receive("partner.bidv.out");
    assertThat(receipt).isNotNull();
    assertThat(receipt.getStringProperty("swgReceiptStatus")).isEqualTo("REJECTED");
    String text = ((TextMessage) receipt).getText();
    assertThat(text).contains("<swg:code>SWG-SEC-010</swg:code>");
    GatewayReceipts.assertSignedByGateway(text.getBytes(StandardCharsets.UTF_8));
    assertThat(queues.countAll()).isZero();
  }

  private static Document bidvNotice(DevPartner bidv) {
    Document document = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    TestMessages.setParty(document, "From", "identity", "01202001");
    TestMessages.set(document, "messageId", "01202001" + TestMessages.messageId(document).substring(8));
    return TestMessages.sign(document, bidv);
  }
}
