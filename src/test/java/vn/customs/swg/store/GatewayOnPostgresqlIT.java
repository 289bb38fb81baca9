package vn.customs.swg.store;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Message;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Document;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.testsupport.BackendQueues;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.EndToEndTest;
import vn.customs.swg.testsupport.GatewayClient;
import vn.customs.swg.testsupport.GatewayReceipts;
import vn.customs.swg.testsupport.TestMessages;
import vn.customs.swg.testsupport.TestPostgres;

/**
 * The whole gateway on PostgreSQL, as the prod profile runs it: Spring Boot's Flyway migrates an
 * empty PostgreSQL database at start-up with the same migrations as H2, and a message goes through
 * the whole inbound flow: ACCEPTED receipt, on its back-end queue, DISPATCHED in the store with its
 * events, its revocation evidence and its bytes as received and exactly as forwarded. The dev
 * profile gives the PKI and partners; only the datasource is PostgreSQL (testsupport.TestPostgres).
 */
@EndToEndTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class GatewayOnPostgresqlIT {

  @LocalServerPort int port;
  @Autowired JmsTemplate jmsTemplate;
  @Autowired EmbeddedActiveMQ broker;
  @Autowired MessageStore store;
  @Autowired DataSource dataSource;
  @Autowired Flyway flyway;

  @DynamicPropertySource
  static void onPostgresql(DynamicPropertyRegistry registry) {
    String database = TestPostgres.createDatabase();
    registry.add("spring.datasource.url", () -> TestPostgres.url(database));
    registry.add("spring.datasource.username", () -> TestPostgres.USER);
    registry.add("spring.datasource.password", () -> "");
    registry.add("spring.artemis.embedded.server-id", () -> "23");
  }

  @Test
  void bootMigratesPostgresqlAndAMessageFlowsThroughIt() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
    }
    assertThat(flyway.info().pending()).as("every migration applied at start-up").isEmpty();
    assertThat(flyway.info().applied()).hasSameSizeAs(flyway.info().all()).isNotEmpty();

    BackendQueues queues = new BackendQueues(jmsTemplate, broker);
    queues.clearAll();
    Document submission = TestMessages.sign(TestMessages.fresh("TAX_PAYMENT_NOTICE"), DevPartner.load("vcb"));
    String messageId = TestMessages.messageId(submission);
    byte[] sent = XmlOutput.toBytes(submission);

    GatewayClient gateway = new GatewayClient(port);
    GatewayClient.Answer answer = gateway.submit(sent);

    assertThat(answer.receiptStatus()).isEqualTo("ACCEPTED");
    GatewayReceipts.assertSignedByGateway(answer);
    List<Message> forwarded = queues.receiveAll("customs.payments.in");
    assertThat(forwarded).hasSize(1);
    byte[] onQueue = BackendQueues.text(forwarded.get(0)).getBytes(StandardCharsets.UTF_8);

    StoredMessage stored = store.findLatest("vcb", messageId).orElseThrow();
    assertThat(stored.state()).isEqualTo("DISPATCHED");
    assertThat(store.events(stored.id())).extracting(MessageEvent::state)
        .containsExactly("RECEIVED", "ACCEPTED", "DISPATCHED");
    assertThat(store.originalBytes(stored.id())).hasValue(sent);
    assertThat(store.signedBytes(stored.id())).as("stored exactly as the back-end received it").hasValue(onQueue);
    assertThat(store.revocationEvidence(stored.id())).get()
        .extracting(RevocationEvidence::status, RevocationEvidence::softFail).containsExactly("GOOD", false);

    assertThat(gateway.submit(sent).receiptStatus()).as("the idempotency key holds on PostgreSQL")
        .isEqualTo("DUPLICATE");
    assertThat(gateway.get("/api/v1/messages/" + messageId + "?sender=vcb").body())
        .contains("\"state\":\"DISPATCHED\"", "+07:00");
  }
}
