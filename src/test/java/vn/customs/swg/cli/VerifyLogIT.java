package vn.customs.swg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.customs.swg.GatewayApplication;
import vn.customs.swg.testsupport.AuditTrail;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.GatewayClient;
import vn.customs.swg.testsupport.OperatorLogin;
import vn.customs.swg.testsupport.TestMessages;

/**
 * The audit log of a real gateway: a running node answers {@code /actuator/auditlog} on its
 * management port, stopping signs the chain head, and {@code verify-log} on the stopped node's H2
 * file finds it intact and then names the one event altered with plain SQL.
 */
class VerifyLogIT {

  @TempDir
  Path data;

  @Test
  void aRunningNodeAnswersTheEndpointAndAStoppedOneIsVerifiedFromItsFile() throws Exception {
    String database = "jdbc:h2:file:" + data.resolve("db/swg").toAbsolutePath();
    try (ConfigurableApplicationContext gateway = SpringApplication.run(GatewayApplication.class,
        "--spring.profiles.active=dev",
        "--server.port=0",
        "--management.server.port=0",
        "--spring.datasource.url=" + database,
        "--spring.artemis.embedded.persistent=false",
        "--spring.artemis.embedded.server-id=21")) {
      GatewayClient client = new GatewayClient(Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port")));
      DevPartner vcb = DevPartner.load("vcb");
      assertThat(client.submit(TestMessages.signed("TAX_PAYMENT_NOTICE", vcb)).receiptStatus()).isEqualTo("ACCEPTED");
      assertThat(client.submit(TestMessages.signed("LICENCE_RESULT", vcb)).receiptStatus()).isEqualTo("REJECTED");

      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
              "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.management.port") + "/actuator/auditlog"))
          .header("Authorization", OperatorLogin.AUDITOR.basic())
          .GET().build(), HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).isEqualTo(200);
      JsonNode report = new ObjectMapper().readTree(answer.body());
      assertThat(report.path("intact").asBoolean()).isTrue();
      assertThat(report.path("nodes").get(0).path("node").asText()).isEqualTo("swg-node-1");
      assertThat(report.path("nodes").get(0).path("entriesChecked").asLong()).isEqualTo(5);
    }

    CliRun intact = CliRun.run("verify-log", "--jdbc-url", database, "--user", "swg",
        "--gateway-certificate", AuditTrail.GATEWAY_CERTIFICATE.toString());
    assertThat(intact.exitCode()).as(intact.err()).isZero();
    assertThat(intact.out()).contains("node swg-node-1: 5 entries checked (seq 1-5), 1 checkpoint(s) verified: intact");

    JdbcDataSource file = new JdbcDataSource();
    file.setURL(database);
    file.setUser("swg");
    JdbcTemplate jdbc = new JdbcTemplate(file);
    long altered = jdbc.queryForObject("select id from swg_message_event where chain_seq = 4", Long.class);
    jdbc.update("update swg_message_event set detail = 'nothing to see' where id = ?", altered);
    jdbc.execute("shutdown");

    CliRun broken = CliRun.run("verify-log", "--jdbc-url", database, "--user", "swg",
        "--gateway-certificate", AuditTrail.GATEWAY_CERTIFICATE.toString());
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.out()).contains("node swg-node-1: 3 entries checked (seq 1-3), 0 checkpoint(s) verified:"
        + " BROKEN HASH_MISMATCH at seq 4, event #" + altered + ",");
  }
}
