package vn.customs.swg.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Document;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.OutboundRecord;
import vn.customs.swg.store.delivery.DeliveryStore;
import vn.customs.swg.store.delivery.RetryPolicy;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.EndToEndTest;
import vn.customs.swg.testsupport.GatewayClient;
import vn.customs.swg.testsupport.OperatorLogin;
import vn.customs.swg.testsupport.TestMessages;

/**
 * The admin API on a running gateway with real messages: a partner's submission is found by its
 * messageId, its detail shows the verified sender certificate, its original bytes download
 * unchanged, a forged one shows its SEC code in both languages, both appear in the CSV export and
 * today's statistics, and an operator replays a dead letter that an auditor may only look at.
 */
@EndToEndTest
class AdminApiIT {

  private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired MessageStore messages;
  @Autowired DeliveryStore deliveries;

  @Test
  void aPartnersMessagesAreFoundExplainedDownloadedExportedAndCounted() throws Exception {
    DevPartner vcb = DevPartner.load("vcb");
    GatewayClient gateway = new GatewayClient(port);
    java.time.Instant start = java.time.Instant.now();
    String documentReference = "FT" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
    Document document = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    TestMessages.set(document, "documentReference", documentReference);
    byte[] accepted = XmlOutput.toBytes(TestMessages.sign(document, vcb));
    assertThat(gateway.submit(accepted).receiptStatus()).isEqualTo("ACCEPTED");
    Document forged = TestMessages.sign(TestMessages.fresh("TAX_PAYMENT_NOTICE"), vcb);
    TestMessages.set(forged, "documentReference", documentReference);
    GatewayClient.Answer refused = gateway.submit(XmlOutput.toBytes(forged));
    assertThat(refused.errorCodes()).containsExactly("SWG-SEC-002");
    String acceptedId = TestMessages.messageId(document);
    String forgedId = TestMessages.messageId(forged);

    JsonNode found = json(get("/api/admin/messages?messageId=" + acceptedId));
    assertThat(found.get("total").asLong()).isEqualTo(1);
    JsonNode item = found.get("items").get(0);
    assertThat(item.get("documentReference").asText()).isEqualTo(documentReference);
    assertThat(item.get("messageId").asText()).isEqualTo(acceptedId);
    assertThat(item.get("sender").asText()).isEqualTo("vcb");
    assertThat(item.get("receiver").asText()).isEqualTo("TCHQ");

    long id = item.get("id").asLong();
    JsonNode detail = json(get("/api/admin/messages/" + id));
    assertThat(detail.get("timeline").findValuesAsText("state")).containsExactly("RECEIVED", "ACCEPTED", "DISPATCHED");
    JsonNode sender = detail.get("signatures").get(0);
    assertThat(sender.get("verdict").asText()).isEqualTo("VERIFIED");
    assertThat(sender.get("certificateFingerprint").asText())
        .isEqualTo(vn.customs.swg.trust.PemCertificates.sha256Fingerprint(vcb.certificate()));
    assertThat(sender.get("certificateSubject").asText()).contains("Vietcombank");
    assertThat(detail.get("revocation").get("status").asText()).isEqualTo("GOOD");

    HttpResponse<byte[]> original = get("/api/admin/messages/" + id + "/original");
    assertThat(original.body()).isEqualTo(accepted);
    assertThat(original.headers().firstValue("Content-Disposition")).hasValue(
        "attachment; filename=\"" + acceptedId + "-original.xml\"");

    JsonNode forgedFound = json(get("/api/admin/messages?messageId=" + forgedId + "&state=REJECTED"));
    assertThat(forgedFound.get("total").asLong()).isEqualTo(1);
    long forgedPk = forgedFound.get("items").get(0).get("id").asLong();
    JsonNode rejection = json(get("/api/admin/messages/" + forgedPk));
    assertThat(rejection.get("errors").get(0).get("code").asText()).isEqualTo("SWG-SEC-002");
    assertThat(rejection.get("errors").get(0).get("vietnamese").asText()).isEqualTo("Chữ ký số không hợp lệ");
    assertThat(rejection.get("signatures").get(0).get("verdict").asText()).isEqualTo("REJECTED");

    String csv = new String(get("/api/admin/messages/export.csv?sender=vcb&from=" + start).body(),
        StandardCharsets.UTF_8);
    assertThat(csv.split("\r\n")).hasSize(3);
    assertThat(csv).contains(acceptedId, forgedId, "SWG-SEC-002");

    LocalDate today = LocalDate.now(HANOI);
    JsonNode statistics = json(get("/api/admin/statistics/daily?from=" + today + "&to=" + today));
    assertThat(statistics.get("counts").findValuesAsText("partnerId")).contains("vcb");
    assertThat(statistics.get("topRejections").findValuesAsText("code")).contains("SWG-SEC-002");
  }

  @Test
  void partnersShowTheirCertificatesButNeverTheirTokens() throws Exception {
    HttpResponse<byte[]> response = get("/api/admin/partners");
    String body = new String(response.body(), StandardCharsets.UTF_8);
    JsonNode partners = JSON.readTree(body);

    assertThat(partners.findValuesAsText("id")).containsExactly("asw-id", "bidv", "moit", "vcb");
    JsonNode vcb = partners.get(3);
    assertThat(vcb.get("channel").asText()).isEqualTo("HTTP");
    JsonNode signing = vcb.get("certificates").findParents("role").stream()
        .filter(c -> c.get("role").asText().equals("signing-certificate")).findFirst().orElseThrow();
    assertThat(signing.get("daysToExpiry").asLong()).isPositive();
    assertThat(signing.get("subject").asText()).contains("Vietcombank");
    assertThat(body).doesNotContain("dev-only-moit-pull-token").doesNotContain("pullToken");
  }

  @Test
  void anOperatorReplaysADeadLetterAnAuditorMayOnlySee() throws Exception {
    long message = messages.recordOutboundSigned(new OutboundRecord("moit", "TCHQ" + UUID.randomUUID().toString()
        .replace("-", "").toUpperCase(), "DOSSIER_STATUS", "NOTIFY", "BCT", null, null, null, "PULL", "inbox",
        "ab".repeat(32), OffsetDateTime.now(HANOI), "<a/>".getBytes(StandardCharsets.UTF_8),
        "<a/>".getBytes(StandardCharsets.UTF_8)), "TCHQ").id();
    long delivery = deliveries.create(message, "moit", DeliveryStore.PULL, null);
    deliveries.recordFailedAttempt(delivery, null, "gave up (test)", false,
        new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(1), 1.0));

    assertThat(json(get("/api/admin/deadletters")).findValuesAsText("deliveryPk")).contains(Long.toString(delivery));
    String replay = "/api/admin/deadletters/" + delivery + "/replay";
    GatewayClient gateway = new GatewayClient(port);
    assertThat(gateway.send("POST", replay, "Authorization", OperatorLogin.AUDITOR.basic()).statusCode()).isEqualTo(403);
    assertThat(gateway.send("POST", replay, "Authorization", OperatorLogin.PARTNER_BEARER).statusCode()).isEqualTo(401);

    HttpResponse<byte[]> replayed = gateway.send("POST", replay, "Authorization", OperatorLogin.OPERATOR.basic());
    assertThat(replayed.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(replayed.body()).get("by").asText()).isEqualTo("operator");
    assertThat(deliveries.find(delivery).orElseThrow().state()).isEqualTo(DeliveryStore.DELIVERING);
    assertThat(gateway.send("POST", replay, "Authorization", OperatorLogin.OPERATOR.basic()).statusCode()).isEqualTo(409);

    // leave moit's inbox as it was for the other tests of this context
    assertThat(deliveries.acknowledge("moit", message)).isTrue();
  }

  private HttpResponse<byte[]> get(String path) {
    HttpResponse<byte[]> response = new GatewayClient(port).send("GET", path,
        "Authorization", OperatorLogin.AUDITOR.basic());
    assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
    return response;
  }

  private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
    return JSON.readTree(response.body());
  }
}
