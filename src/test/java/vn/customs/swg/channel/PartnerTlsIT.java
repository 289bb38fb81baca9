package vn.customs.swg.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.SSLException;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.spring.SpringCamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.w3c.dom.Document;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.cli.PartnerCli;
import vn.customs.swg.testsupport.BackendQueues;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.GatewayClient;
import vn.customs.swg.testsupport.GatewayReceipts;
import vn.customs.swg.testsupport.TestMessages;
import vn.customs.swg.testsupport.TestPki;
import vn.customs.swg.testsupport.TlsClients;
import vn.customs.swg.trust.PemCertificates;

/**
 * The partners' port on TLS (profile tls, dev TLS material of certs/dev/tls): the client
 * certificate says which partner is connecting, and only that partner's messages get through.
 * Its own context: embedded broker server id 49, its own in-memory database, an ephemeral port.
 */
@ActiveProfiles({"dev", "tls"})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "gateway.node-id=swg-node-tls-test",
    "spring.datasource.url=jdbc:h2:mem:swg-partner-tls;DB_CLOSE_DELAY=-1",
    "spring.artemis.embedded.persistent=false",
    "spring.artemis.embedded.server-id=49"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PartnerTlsIT {

  @LocalServerPort int port;
  @Autowired JmsTemplate jmsTemplate;
  @Autowired EmbeddedActiveMQ broker;
  @Autowired ApplicationContext context;

  private BackendQueues queues;

  @BeforeEach
  void emptyQueues() {
    queues = new BackendQueues(jmsTemplate, broker);
    queues.clearAll();
  }

  @Test
  void acceptsAPartnerOnItsOwnClientCertificate() {
    GatewayClient.Answer answer = TlsClients.devPartner(port, "vcb")
        .submit(TestMessages.signed("TAX_PAYMENT_NOTICE", DevPartner.load("vcb")));

    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.receiptStatus()).isEqualTo("ACCEPTED");
    GatewayReceipts.assertSignedByGateway(answer);
    assertThat(queues.count("customs.payments.in")).isEqualTo(1);
  }

  @Test
  void refusesAMessageFromAnotherPartnerThanTheClientCertificateSays() {
    // bidv's TLS connection carrying a message vcb signed and sent From vcb
    Document message = TestMessages.sign(TestMessages.fresh("TAX_PAYMENT_NOTICE"), DevPartner.load("vcb"));

    GatewayClient.Answer answer = TlsClients.devPartner(port, "bidv").submit(XmlOutput.toBytes(message));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.receiptStatus()).isEqualTo("REJECTED");
    assertThat(answer.errorCodes()).containsExactly("SWG-SEC-010");
    assertThat(answer.refToMessageId()).isEqualTo(TestMessages.messageId(message));
    GatewayReceipts.assertSignedByGateway(answer);
    assertThat(queues.countAll()).isZero();
  }

  @Test
  void refusesASubmissionWithoutAClientCertificateBeforeReadingIt() {
    GatewayClient.Answer answer = TlsClients.withoutCertificate(port)
        .submit(TestMessages.signed("TAX_PAYMENT_NOTICE", DevPartner.load("vcb")));

    // The handshake lets it in ("want": the inbox and console need no certificate); the message
    // endpoint answers 403 with a signed SWG-SEC-010 receipt that names no message: it was not read.
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.receiptStatus()).isEqualTo("REJECTED");
    assertThat(answer.errorCodes()).containsExactly("SWG-SEC-010");
    assertThat(answer.refToMessageId()).isNull();
    GatewayReceipts.assertSignedByGateway(answer);
    assertThat(queues.countAll()).isZero();
  }

  @Test
  void refusesAClientCertificateOfTheTlsCaThatNoPartnerRegistered() throws Exception {
    // Issued by the dev TLS CA the connector trusts, so the handshake succeeds; no partner has it.
    TestPki.Ca tlsCa = devTlsCa();
    TestPki.Issued stranger = tlsCa.issue("C=VN,O=Ngan hang TMCP Ngoai thuong Viet Nam,OU=01203001,CN=Unregistered TLS Client");

    GatewayClient.Answer answer = TlsClients.presenting(port, stranger.keyPair().getPrivate(), stranger.certificate(),
        tlsCa.certificate()).submit(TestMessages.signed("TAX_PAYMENT_NOTICE", DevPartner.load("vcb")));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.errorCodes()).containsExactly("SWG-SEC-010");
    GatewayReceipts.assertSignedByGateway(answer);
    assertThat(queues.countAll()).isZero();
  }

  @Test
  void refusesAClientCertificateFromAnUnknownCaAtTheHandshake() {
    TestPki.Ca foreignCa = TestPki.rootCa("C=VN,O=Somebody Else,CN=Foreign CA");
    TestPki.Issued client = foreignCa.issue("C=VN,O=Ngan hang TMCP Ngoai thuong Viet Nam,OU=01203001,CN=Vietcombank TLS");

    GatewayClient gateway = TlsClients.presenting(port, client.keyPair().getPrivate(), client.certificate(),
        foreignCa.certificate());

    assertThatThrownBy(() -> gateway.submit(TestMessages.signed("TAX_PAYMENT_NOTICE", DevPartner.load("vcb"))))
        .hasRootCauseInstanceOf(SSLException.class);
    assertThat(queues.countAll()).isZero();
  }

  @Test
  void theCliSendsOverTlsWithThePartnersClientCertificate() {
    String[] common = {"send", "--url", "https://127.0.0.1:" + port + "/api/v1/messages",
        "--keystore", "certs/dev/partners/vcb/keystore.p12", "--password", "changeit", "--fresh",
        "--verify-with", "certs/dev/root-ca.pem",
        "--tls-truststore", "certs/dev/tls/truststore.p12", "--tls-truststore-password", "changeit"};

    int withCertificate = PartnerCli.run(concat(common, "--tls-keystore", "certs/dev/tls/partners/vcb/keystore.p12",
        "--tls-keystore-password", "changeit", "schemas/bank/tax-payment-notice/example.xml"));
    int withoutCertificate = PartnerCli.run(concat(common, "schemas/bank/tax-payment-notice/example.xml"));

    assertThat(withCertificate).as("ACCEPTED, receipt verified").isZero();
    assertThat(withoutCertificate).as("403 SWG-SEC-010").isEqualTo(1);
    assertThat(queues.count("customs.payments.in")).isEqualTo(1);
  }

  @Test
  void theLoadGeneratorConnectsEachPartnerWithItsOwnClientCertificate() {
    // the dev mix: moit, vcb, bidv and asw-id; without --tls-dir every one of them would be SEC-010
    int exit = PartnerCli.run("bench", "--url", "https://127.0.0.1:" + port + "/api/v1/messages",
        "--messages", "10", "--concurrency", "2", "--tls-dir", "certs/dev/tls");

    assertThat(exit).as("every message ACCEPTED with a verified receipt").isZero();
    assertThat(queues.countAll()).isEqualTo(10);
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  @Test
  void thePullInboxAndTheConsoleLoginNeedNoClientCertificate() {
    GatewayClient noCertificate = TlsClients.withoutCertificate(port);

    assertThat(noCertificate.send("GET", "/api/v1/inbox", "Authorization", "Bearer dev-only-moit-pull-token")
        .statusCode()).isEqualTo(200);
    assertThat(noCertificate.get("/console/login").statusCode()).isEqualTo(200);
  }

  @Test
  void camelStopsOnlyAfterTheWebServerHasDrainedItsRequests() {
    // Spring stops lifecycle beans from the highest phase down: Tomcat's graceful drain first, then
    // the web server, then Camel (and its JMS endpoints), so a request in flight still has its route.
    int drain = context.getBean("webServerGracefulShutdown", SmartLifecycle.class).getPhase();
    int webServer = context.getBean("webServerStartStop", SmartLifecycle.class).getPhase();
    int camel = context.getBean(SpringCamelContext.class).getPhase();

    assertThat(camel).isLessThan(webServer).isLessThan(drain);
  }

  private static TestPki.Ca devTlsCa() throws Exception {
    X509Certificate certificate = PemCertificates.read(TlsClients.DEV_TLS.resolveSibling("ca/tls-ca.pem"),
        "tls-ca").get(0);
    String pem = Files.readString(TlsClients.DEV_TLS.resolveSibling("ca/tls-ca.key.pem"));
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    return new TestPki.Ca(new KeyPair(certificate.getPublicKey(), key), certificate);
  }
}
