package vn.customs.swg.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.signature.SenderSignatureVerifier;
import vn.customs.swg.signature.SignatureProfile;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.StoredMessage;
import vn.customs.swg.testsupport.BackendQueues;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.EndToEndTest;
import vn.customs.swg.testsupport.GatewayClient;
import vn.customs.swg.testsupport.GatewayClient.Answer;
import vn.customs.swg.testsupport.GatewayReceipts;
import vn.customs.swg.testsupport.TestMessages;

/**
 * The happy path of each first-class inbound type from its dev partner: ACCEPTED receipt signed by
 * the gateway, exactly one persistent message on the catalogue's queue with the properties of
 * ENVELOPE.md section 7, carrying the Routing block, the untouched sender signature and the system
 * signature; tracking shows it DISPATCHED to that queue, and the store keeps both the bytes as
 * received and the bytes exactly as forwarded.
 */
@EndToEndTest
class InboundAcceptanceIT {

  @LocalServerPort int port;
  @Autowired JmsTemplate jmsTemplate;
  @Autowired EmbeddedActiveMQ broker;
  @Autowired MessageStore store;

  private GatewayClient gateway;
  private BackendQueues queues;

  @BeforeEach
  void setUp() {
    gateway = new GatewayClient(port);
    queues = new BackendQueues(jmsTemplate, broker);
    queues.clearAll();
  }

  @ParameterizedTest(name = "{0} from {1} goes to {2}")
  @CsvSource({
      "LICENCE_RESULT, moit, customs.licensing.in, BCT",
      "TAX_PAYMENT_NOTICE, vcb, customs.payments.in, 01203001",
      "EFORM_D, asw-id, customs.asw.in, ID",
      "ACDD, asw-id, customs.asw.in, ID"})
  void acceptsExampleFromItsPartnerAndForwardsItSigned(String type, String partnerId, String queue, String identity)
      throws Exception {
    Document submission = TestMessages.sign(TestMessages.fresh(type), DevPartner.load(partnerId));
    String messageId = TestMessages.messageId(submission);

    byte[] sent = XmlOutput.toBytes(submission);
    Answer answer = gateway.submit(sent);

    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.receiptStatus()).isEqualTo("ACCEPTED");
    assertThat(answer.refToMessageId()).isEqualTo(messageId);
    GatewayReceipts.assertSignedByGateway(answer);

    assertThat(queues.countAll()).isEqualTo(1L);
    List<Message> forwarded = queues.receiveAll(queue);
    assertThat(forwarded).hasSize(1);
    Message message = forwarded.get(0);
    assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
    assertThat(message.getStringProperty("swgMessageId")).isEqualTo(messageId);
    assertThat(message.getStringProperty("swgMessageType")).isEqualTo(type);
    assertThat(message.getStringProperty("swgSenderId")).isEqualTo(partnerId);
    assertThat(message.getStringProperty("swgSenderIdentity")).isEqualTo(identity);
    assertThat(message.getStringProperty("swgFunction")).isNotBlank();

    byte[] envelope = BackendQueues.text(message).getBytes(StandardCharsets.UTF_8);
    GatewayReceipts.assertSignedByGateway(envelope);
    StoredMessage stored = store.findLatest(partnerId, messageId).orElseThrow();
    assertThat(store.signedBytes(stored.id())).as("stored as the back-end received it").hasValue(envelope);
    assertThat(store.originalBytes(stored.id())).as("and as the partner sent it")
        .hasValue(sent);
    Document forwardedDocument = HardenedXmlParser.withDefaults().parse(envelope);
    Element routing = TestMessages.first(forwardedDocument, "Routing");
    assertThat(routing.getElementsByTagNameNS(TestMessages.NS, "partner").item(0).getTextContent()).isEqualTo(partnerId);
    assertThat(routing.getElementsByTagNameNS(TestMessages.NS, "destination").item(0).getTextContent()).isEqualTo(queue);
    assertThat(routing.getElementsByTagNameNS(TestMessages.NS, "channel").item(0).getTextContent()).isEqualTo("HTTP");
    assertSenderSignatureStillVerifies(forwardedDocument, partnerId);

    String tracking = gateway.get("/api/v1/messages/" + messageId + "?sender=" + partnerId).body();
    assertThat(tracking).contains("\"state\":\"DISPATCHED\"", "\"destination\":\"" + queue + "\"",
        "\"messageType\":\"" + type + "\"", "+07:00");
  }

  private static void assertSenderSignatureStillVerifies(Document forwarded, String partnerId) {
    // The sender's signature covers Header and Body only, so it survives Routing and the system
    // signature; the strict verifier wants the sender's view, without the gateway's signature.
    Element system = TestMessages.first(forwarded, "SystemSignature");
    system.getParentNode().removeChild(system);
    var verified = new SenderSignatureVerifier(new SignatureProfile()).verify(forwarded, false);
    assertThat(verified.signingCertificate()).isEqualTo(DevPartner.load(partnerId).certificate());
  }
}
