package vn.customs.swg.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Document;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.RevocationEvidence;
import vn.customs.swg.testsupport.BackendQueues;
import vn.customs.swg.testsupport.EndToEndTest;
import vn.customs.swg.testsupport.GatewayClient;
import vn.customs.swg.testsupport.GatewayClient.Answer;
import vn.customs.swg.testsupport.GatewayReceipts;
import vn.customs.swg.testsupport.TestMessages;
import vn.customs.swg.testsupport.TestOcspResponder;
import vn.customs.swg.testsupport.TestPki;

/**
 * Revocation through the whole inbound flow, against a real OCSP responder on localhost: a good
 * answer is accepted and kept as evidence; a certificate revoked while the gateway runs is refused
 * within one cache period, without a restart; no answer is a retryable SWG-SEC-008 under hard-fail
 * and a flagged, counted acceptance under soft-fail. Nothing refused reaches a back-end queue.
 */
@EndToEndTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RevocationEndToEndIT {

  /** How long an OCSP answer is valid, hence cached by the gateway. */
  private static final Duration CACHE_PERIOD = Duration.ofSeconds(2);

  private static final TestPki.Ca BANK_CA = TestPki.rootCa("CN=Test Bank CA,O=Test").issueCa("CN=Test Issuing CA,O=Test");
  private static final TestPki.Issued HARD = BANK_CA.issue("CN=Hard Bank,OU=09999001");
  private static final TestPki.Issued REVOKED_LATER = BANK_CA.issue("CN=Hard Bank 2,OU=09999001");
  private static final TestPki.Issued UNANSWERED = BANK_CA.issue("CN=Down Bank,OU=09999003");
  private static final TestPki.Issued SOFT = BANK_CA.issue("CN=Soft Bank,OU=09999002");
  private static final TestOcspResponder RESPONDER = TestOcspResponder.start(BANK_CA, CACHE_PERIOD);
  private static final TestOcspResponder DOWN_RESPONDER = TestOcspResponder.start(BANK_CA, CACHE_PERIOD);

  @LocalServerPort int port;
  @Autowired JmsTemplate jmsTemplate;
  @Autowired EmbeddedActiveMQ broker;
  @Autowired MessageStore store;
  @Autowired MeterRegistry meters;

  private GatewayClient gateway;
  private BackendQueues queues;

  @DynamicPropertySource
  static void testBanks(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("swg-revocation-it");
    Path anchor = TestPki.writePem(dir.resolve("bank-ca.pem"), BANK_CA.certificate());
    registry.add("spring.artemis.embedded.server-id", () -> "9");
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:swg-revocation;DB_CLOSE_DELAY=-1");
    registry.add("gateway.trust.revocation.timeout", () -> "PT0.5S");
    registry.add("gateway.partners.hardbank.kind", () -> "BANK");
    registry.add("gateway.partners.hardbank.identity", () -> "09999001");
    registry.add("gateway.partners.hardbank.trust-anchors", anchor::toString);
    registry.add("gateway.partners.hardbank.certificates", () -> String.join(",",
        TestPki.writePem(dir.resolve("hard.pem"), HARD.certificate()).toString(),
        TestPki.writePem(dir.resolve("hard2.pem"), REVOKED_LATER.certificate()).toString()));
    registry.add("gateway.partners.hardbank.allowed-message-types", () -> "TAX_PAYMENT_NOTICE");
    registry.add("gateway.partners.hardbank.ocsp-url", RESPONDER::url);
    registry.add("gateway.partners.downbank.kind", () -> "BANK");
    registry.add("gateway.partners.downbank.identity", () -> "09999003");
    registry.add("gateway.partners.downbank.trust-anchors", anchor::toString);
    registry.add("gateway.partners.downbank.certificates",
        () -> TestPki.writePem(dir.resolve("down.pem"), UNANSWERED.certificate()).toString());
    registry.add("gateway.partners.downbank.allowed-message-types", () -> "TAX_PAYMENT_NOTICE");
    registry.add("gateway.partners.downbank.ocsp-url", DOWN_RESPONDER::url);
    registry.add("gateway.partners.softbank.kind", () -> "BANK");
    registry.add("gateway.partners.softbank.identity", () -> "09999002");
    registry.add("gateway.partners.softbank.trust-anchors", anchor::toString);
    registry.add("gateway.partners.softbank.certificates",
        () -> TestPki.writePem(dir.resolve("soft.pem"), SOFT.certificate()).toString());
    registry.add("gateway.partners.softbank.allowed-message-types", () -> "TAX_PAYMENT_NOTICE");
    registry.add("gateway.partners.softbank.ocsp-url", () -> "http://127.0.0.1:" + closedPort() + "/ocsp");
    registry.add("gateway.partners.softbank.revocation", () -> "SOFT_FAIL");
  }

  @AfterAll
  static void stopResponders() {
    RESPONDER.close();
    DOWN_RESPONDER.close();
  }

  @BeforeEach
  void setUp() {
    gateway = new GatewayClient(port);
    queues = new BackendQueues(jmsTemplate, broker);
    queues.clearAll();
  }

  @Test
  void goodOcspAnswerIsAcceptedAndKeptAsEvidence() {
    Document message = notice("09999001", HARD);

    Answer answer = gateway.submit(XmlOutput.toBytes(message));

    assertThat(answer.receiptStatus()).isEqualTo("ACCEPTED");
    RevocationEvidence evidence = evidenceOf("hardbank", message);
    assertThat(evidence.source()).isEqualTo("OCSP");
    assertThat(evidence.status()).isEqualTo("GOOD");
    assertThat(evidence.softFail()).isFalse();
    assertThat(evidence.ocspResponse()).isNotEmpty();
  }

  @Test
  void certificateRevokedWhileRunningIsRefusedWithinOneCachePeriod() {
    assertThat(gateway.submit(XmlOutput.toBytes(notice("09999001", REVOKED_LATER))).receiptStatus())
        .isEqualTo("ACCEPTED");
    queues.clearAll();

    RESPONDER.set(REVOKED_LATER.certificate().getSerialNumber(), TestOcspResponder.Mode.REVOKED);
    long revokedAt = System.nanoTime();
    long acceptedMeanwhile = -1;
    Answer answer;
    do {
      // Until the cached GOOD answer's nextUpdate passes, the gateway may still accept.
      acceptedMeanwhile++;
      answer = gateway.submit(XmlOutput.toBytes(notice("09999001", REVOKED_LATER)));
    } while (!"REJECTED".equals(answer.receiptStatus())
        && System.nanoTime() - revokedAt < CACHE_PERIOD.multipliedBy(5).toNanos());

    assertThat(answer.errorCodes()).containsExactly("SWG-SEC-007");
    assertThat(answer.status()).isEqualTo(403);
    assertThat(Duration.ofNanos(System.nanoTime() - revokedAt))
        .as("refused within one cache period (plus one request)").isLessThan(CACHE_PERIOD.plusSeconds(2));
    GatewayReceipts.assertSignedByGateway(answer);
    assertThat(queues.count("customs.payments.in")).as("only the messages accepted before the refusal")
        .isEqualTo(acceptedMeanwhile);
  }

  @Test
  void noRevocationAnswerUnderHardFailIsARetryableRefusal() {
    DOWN_RESPONDER.down(true);

    Answer answer = gateway.submit(XmlOutput.toBytes(notice("09999003", UNANSWERED)));

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.response().headers().firstValue("Retry-After")).isPresent();
    assertThat(answer.errorCodes()).containsExactly("SWG-SEC-008");
    assertThat(answer.text("retryable")).isEqualTo("true");
    GatewayReceipts.assertSignedByGateway(answer);
    assertThat(queues.countAll()).isZero();
  }

  @Test
  void noRevocationAnswerUnderSoftFailIsAcceptedFlaggedAndCounted() {
    double before = meters.counter("swg.revocation.soft.fail", "partner", "softbank").count();
    Document message = notice("09999002", SOFT);

    Answer answer = gateway.submit(XmlOutput.toBytes(message));

    assertThat(answer.receiptStatus()).isEqualTo("ACCEPTED");
    RevocationEvidence evidence = evidenceOf("softbank", message);
    assertThat(evidence.softFail()).isTrue();
    assertThat(evidence.status()).isEqualTo("UNAVAILABLE");
    assertThat(meters.counter("swg.revocation.soft.fail", "partner", "softbank").count()).isEqualTo(before + 1);
    assertThat(queues.count("customs.payments.in")).isEqualTo(1L);
  }

  private RevocationEvidence evidenceOf(String partner, Document message) {
    long id = store.findLatest(partner, TestMessages.messageId(message)).orElseThrow().id();
    return store.revocationEvidence(id).orElseThrow();
  }

  private static Document notice(String bankIdentity, TestPki.Issued signer) {
    Document document = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    TestMessages.setParty(document, "From", "identity", bankIdentity);
    TestMessages.set(document, "messageId", bankIdentity + TestMessages.messageId(document).substring(8));
    return TestMessages.sign(document, signer.keyPair().getPrivate(), List.of(signer.certificate()));
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
