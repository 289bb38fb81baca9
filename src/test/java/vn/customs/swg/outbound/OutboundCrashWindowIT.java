package vn.customs.swg.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Message;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.UncategorizedJmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.w3c.dom.Document;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.StoredMessage;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.EndToEndTest;
import vn.customs.swg.testsupport.TestMessages;

/**
 * The outbound flow fails after the back-end message was recorded and before its consuming
 * transaction commits, as a node dying there would: the broker delivers the message again, the
 * gateway recognises it as recorded, and a queue partner still gets it, exactly once.
 */
@EndToEndTest
@TestPropertySource(properties = {
    "gateway.node-id=swg-node-outbound-crash-test",
    "spring.artemis.embedded.server-id=54",
    "spring.datasource.url=jdbc:h2:mem:swg-outbound-crash-window;DB_CLOSE_DELAY=-1"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboundCrashWindowIT {

  private static final String BIDV_IDENTITY = "01202001";

  @Autowired CamelContext camel;
  @Autowired JmsTemplate jmsTemplate;
  @Autowired MessageStore store;

  @Test
  void aQueuePartnersReplyInterruptedAfterRecordingIsDeliveredOnceOnRedelivery() throws Exception {
    AtomicInteger failuresLeft = new AtomicInteger(1);
    AdviceWith.adviceWith(camel, "send-outbound", route -> route.weaveById("send-to-partner-queue").after()
        .process(exchange -> {
          if (failuresLeft.getAndDecrement() > 0) {
            throw new UncategorizedJmsException("the node died before the commit (test)");
          }
        }));
    JmsTemplate jms = new JmsTemplate(jmsTemplate.getConnectionFactory());
    jms.setReceiveTimeout(20_000);
    String noticeId = bidvSendsANotice(jms);

    Document reply = TestMessages.backendReply("TAX_PAYMENT_CONFIRMATION", noticeId);
    TestMessages.setParty(reply, "To", "identity", BIDV_IDENTITY);
    String replyId = TestMessages.messageId(reply);
    jms.send("swg.outbound", session -> session.createTextMessage(new String(XmlOutput.toBytes(reply), StandardCharsets.UTF_8)));

    String selector = "swgMessageId = '" + replyId + "'";
    Message delivered = jms.receiveSelected("partner.bidv.out", selector);
    assertThat(delivered).as("delivered after the redelivery").isNotNull();
    assertThat(failuresLeft.get()).as("the first attempt failed after the send").isNegative();
    jms.setReceiveTimeout(2_000);
    assertThat(jms.receiveSelected("partner.bidv.out", selector)).as("not twice").isNull();
    assertThat(store.findOutbound("bidv", replyId)).get().extracting(StoredMessage::state).isEqualTo("DELIVERED");
  }

  private static String bidvSendsANotice(JmsTemplate jms) {
    Document notice = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    TestMessages.setParty(notice, "From", "identity", BIDV_IDENTITY);
    TestMessages.set(notice, "messageId", BIDV_IDENTITY + TestMessages.messageId(notice).substring(8));
    TestMessages.sign(notice, DevPartner.load("bidv"));
    jms.send("partner.bidv.in", session -> session.createTextMessage(
        new String(XmlOutput.toBytes(notice), StandardCharsets.UTF_8)));
    Message receipt = jms.receiveSelected("partner.bidv.out", "swgMessageType = 'RECEIPT'");
    assertThat(receipt).as("bidv's notice was answered").isNotNull();
    return TestMessages.messageId(notice);
  }
}
