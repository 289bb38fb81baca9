package vn.customs.swg.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.w3c.dom.Document;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.GatewayClient;
import vn.customs.swg.testsupport.TestPartnerEndpoint;
import vn.customs.swg.testsupport.GatewayReceipts;
import vn.customs.swg.testsupport.TestMessages;
import vn.customs.swg.testsupport.Xmlsec1;

/**
 * The round trip with the back-end simulator (demo profile) on each delivery channel: a message
 * goes in, the simulated back-end answers on swg.outbound, and the reply reaches the partner
 * signed by the gateway (verified by the gateway's rules and by xmlsec1): by queue (bidv), pushed
 * to a real HTTP endpoint that answers with a signed receipt (vcb), or pulled from the inbox and
 * acknowledged (moit). A back-end message the gateway cannot send is dead-lettered with its reason.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:swg-roundtrip;DB_CLOSE_DELAY=-1",
    "spring.artemis.embedded.persistent=false",
    "spring.artemis.embedded.server-id=12"})
@ActiveProfiles({"dev", "demo"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboundRoundTripIT {

  /** vcb's HTTP endpoint: a real server on localhost that answers with receipts vcb signs. */
  private static final TestPartnerEndpoint VCB_ENDPOINT = TestPartnerEndpoint.vcb();

  @Autowired JmsTemplate jmsTemplate;
  @Autowired MessageStore store;
  @LocalServerPort int port;
  @TempDir Path work;

  @DynamicPropertySource
  static void vcbEndpoint(DynamicPropertyRegistry registry) {
    registry.add("gateway.partners.vcb.delivery.url", () -> VCB_ENDPOINT.url().toString());
    registry.add("gateway.delivery.poll-interval", () -> "200ms");
  }

  @AfterAll
  static void stopEndpoint() {
    VCB_ENDPOINT.close();
  }

  private JmsTemplate jms;

  @BeforeEach
  void setUp() {
    jms = new JmsTemplate(jmsTemplate.getConnectionFactory());
    jms.setReceiveTimeout(20_000);
  }

  @Test
  void bankOnAQueueGetsItsPaymentConfirmationSignedByTheGateway() throws Exception {
    Document notice = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    TestMessages.setParty(notice, "From", "identity", "01202001");
    TestMessages.set(notice, "messageId", "01202001" + TestMessages.messageId(notice).substring(8));
    TestMessages.sign(notice, DevPartner.load("bidv"));
    String noticeId = TestMessages.messageId(notice);

    jms.send("partner.bidv.in", session -> session.createTextMessage(
        new String(XmlOutput.toBytes(notice), StandardCharsets.UTF_8)));

    Message receipt = jms.receiveSelected("partner.bidv.out", "swgMessageType = 'RECEIPT'");
    assertThat(receipt.getStringProperty("swgReceiptStatus")).isEqualTo("ACCEPTED");
    Message confirmation = jms.receiveSelected("partner.bidv.out", "swgMessageType = 'TAX_PAYMENT_CONFIRMATION'");
    assertThat(confirmation).as("confirmation from the simulated back-end").isNotNull();
    assertThat(confirmation.getJMSCorrelationID()).isEqualTo(noticeId);
    byte[] envelope = ((TextMessage) confirmation).getText().getBytes(StandardCharsets.UTF_8);
    GatewayReceipts.assertSignedByGateway(envelope);
    String text = new String(envelope, StandardCharsets.UTF_8);
    assertThat(text).contains("<swg:refToMessageId>" + noticeId + "</swg:refToMessageId>",
        "<swg:channel>JMS</swg:channel>", "<swg:partner>bidv</swg:partner>");

    Xmlsec1.requireInstalled();
    Path file = Files.write(work.resolve("confirmation.xml"), envelope);
    Xmlsec1.Result verified = Xmlsec1.verify(work, file, "system-signature");
    assertThat(verified.exitCode()).as(verified.output()).isZero();

    String confirmationId = confirmation.getStringProperty("swgMessageId");
    assertThat(store.findOutbound("bidv", confirmationId)).get()
        .extracting(m -> m.state()).isEqualTo("DELIVERED");
  }

  @Test
  void bankOverHttpGetsItsPaymentConfirmationPushedToItsEndpoint() throws Exception {
    Document notice = TestMessages.sign(TestMessages.fresh("TAX_PAYMENT_NOTICE"), DevPartner.load("vcb"));
    String noticeId = TestMessages.messageId(notice);

    assertThat(new GatewayClient(port).submit(XmlOutput.toBytes(notice)).receiptStatus()).isEqualTo("ACCEPTED");

    TestPartnerEndpoint.Request pushed = awaitPush(noticeId);
    GatewayReceipts.assertSignedByGateway(pushed.body());
    Path file = Files.write(work.resolve("pushed.xml"), pushed.body());
    Xmlsec1.requireInstalled();
    Xmlsec1.Result verified = Xmlsec1.verify(work, file, "system-signature");
    assertThat(verified.exitCode()).as(verified.output()).isZero();
    String confirmationId = pushed.messageId();
    awaitState("vcb", confirmationId, "DELIVERED");
    assertThat(VCB_ENDPOINT.receivedMessageIds()).containsOnlyOnce(confirmationId);

    String tracking = new GatewayClient(port).get("/api/v1/messages/" + confirmationId + "?sender=vcb").body();
    assertThat(tracking).contains("\"direction\":\"OUTBOUND\"", "\"state\":\"DELIVERED\"",
        "\"outcome\":\"DELIVERED\"", "\"httpStatus\":200");
  }

  @Test
  void ministryPullsItsDossierStatusFromItsInbox() throws Exception {
    Document licence = TestMessages.sign(TestMessages.fresh("LICENCE_RESULT"), DevPartner.load("moit"));
    String licenceId = TestMessages.messageId(licence);
    assertThat(new GatewayClient(port).submit(XmlOutput.toBytes(licence)).receiptStatus()).isEqualTo("ACCEPTED");

    HttpClient http = HttpClient.newHttpClient();
    String token = "dev-only-moit-pull-token";
    String inbox = "";
    for (long deadline = System.nanoTime() + 20_000_000_000L; !inbox.contains("DOSSIER_STATUS") && System.nanoTime() < deadline; ) {
      Thread.sleep(200);
      inbox = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/inbox"))
          .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }
    JsonNode message = new ObjectMapper().readTree(inbox).get("messages").get(0);
    byte[] envelope = Base64.getDecoder().decode(message.get("envelope").asText());
    GatewayReceipts.assertSignedByGateway(envelope);
    assertThat(new String(envelope, StandardCharsets.UTF_8)).contains("<swg:refToMessageId>" + licenceId);
    Xmlsec1.requireInstalled();
    Xmlsec1.Result verified = Xmlsec1.verify(work, Files.write(work.resolve("pulled.xml"), envelope), "system-signature");
    assertThat(verified.exitCode()).as(verified.output()).isZero();

    String messageId = message.get("messageId").asText();
    int ack = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/inbox/" + messageId + "/ack"))
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
    assertThat(ack).isEqualTo(204);
    awaitState("moit", messageId, "DELIVERED");
  }

  private TestPartnerEndpoint.Request awaitPush(String refToMessageId) throws InterruptedException {
    for (long deadline = System.nanoTime() + 20_000_000_000L; System.nanoTime() < deadline; Thread.sleep(200)) {
      for (TestPartnerEndpoint.Request request : VCB_ENDPOINT.requests()) {
        if (new String(request.body(), StandardCharsets.UTF_8).contains(refToMessageId)) {
          return request;
        }
      }
    }
    throw new AssertionError("nothing pushed to vcb's endpoint answering " + refToMessageId);
  }

  private void awaitState(String partner, String messageId, String state) throws InterruptedException {
    String seen = null;
    for (long deadline = System.nanoTime() + 10_000_000_000L; System.nanoTime() < deadline; Thread.sleep(100)) {
      seen = store.findOutbound(partner, messageId).map(m -> m.state()).orElse(null);
      if (state.equals(seen)) {
        return;
      }
    }
    assertThat(seen).as("state of " + messageId).isEqualTo(state);
  }

  @Test
  void backendMessageToAnUnknownPartnerIsDeadLetteredWithItsReason() throws Exception {
    String example = Files.readString(Path.of("schemas/bank/tax-payment-confirmation/example.xml"));
    String toNobody = example.replace("<swg:identity>01203001</swg:identity>", "<swg:identity>09999999</swg:identity>")
        .replaceFirst("<swg:sentAt>[^<]*</swg:sentAt>", "<swg:sentAt>" + java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").format(java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(7)))
            + "</swg:sentAt>");

    jms.send("swg.outbound", session -> session.createTextMessage(toNobody));

    Message dead = jms.receive("swg.outbound.dlq");
    assertThat(dead).as("dead-lettered back-end message").isNotNull();
    assertThat(dead.getStringProperty("swgDeadLetterReason")).startsWith("SWG-RTE-001");
    assertThat(((TextMessage) dead).getText()).isEqualTo(toNobody);
  }
}
