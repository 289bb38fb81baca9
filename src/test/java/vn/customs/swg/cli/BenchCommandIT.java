package vn.customs.swg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import vn.customs.swg.testsupport.EndToEndTest;

/**
 * {@code bench} against a real gateway with the embedded broker's loopback acceptor on: every
 * message of the dev mix (moit, vcb, bidv, asw-id; four message types) is ACCEPTED with a receipt
 * that verifies, and found exactly once on the back-end queues. No timing is asserted.
 */
@EndToEndTest
@TestPropertySource(properties = {
    "spring.datasource.url=jdbc:h2:mem:swg-bench;DB_CLOSE_DELAY=-1",
    "spring.artemis.embedded.server-id=41",
    "gateway.broker.loopback-acceptor.enabled=true",
    "gateway.broker.loopback-acceptor.port=" + BenchCommandIT.BROKER_PORT
})
class BenchCommandIT {

  static final int BROKER_PORT = 29910;

  @LocalServerPort
  int port;

  @TempDir
  Path folder;

  @Test
  void everyAcceptedMessageIsOnceOnTheBackendQueues() throws Exception {
    Path latencies = folder.resolve("latencies.tsv");
    CliRun run = CliRun.run("bench", "--url", url(), "--messages", "50", "--concurrency", "4",
        "--broker", "tcp://127.0.0.1:" + BROKER_PORT, "--json", "--latencies", latencies.toString());

    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(report.path("sent").asInt()).isEqualTo(50);
    assertThat(report.path("receiptStatuses").path("ACCEPTED").asInt()).isEqualTo(50);
    assertThat(report.path("unverifiedReceipts").asInt()).isZero();
    assertThat(report.path("transportErrors").size()).isZero();
    assertThat(report.path("senderCpuMillisPerMessage").asDouble()).as("the sender's own CPU is reported").isPositive();
    JsonNode ledger = report.path("ledger");
    assertThat(ledger.path("accepted").asInt()).isEqualTo(50);
    assertThat(ledger.path("onQueue").asInt()).isEqualTo(50);
    assertThat(ledger.path("lost").asInt()).isZero();
    assertThat(ledger.path("duplicates").asInt()).isZero();
    // The five senders of the mix take turns: 10 each; LICENCE_RESULT alone goes to licensing.
    assertThat(report.path("onQueues").path("customs.licensing.in").asInt()).isEqualTo(10);
    assertThat(report.path("onQueues").path("customs.payments.in").asInt()).isEqualTo(20);
    assertThat(report.path("onQueues").path("customs.asw.in").asInt()).isEqualTo(20);
    assertThat(report.path("passed").asBoolean()).isTrue();
    // The time line: a header, then one line per message sent (202: ACCEPTED), in the order their
    // latency began.
    List<String> lines = Files.readAllLines(latencies);
    assertThat(lines).hasSize(51);
    assertThat(lines.get(0)).isEqualTo("started_at\tlatency_ms\tpartner\thttp_status");
    assertThat(lines.subList(1, 51)).allSatisfy(line -> assertThat(line).matches("\\d{4}-.+Z\t\\d+\\.\\d{2}\t[a-z-]+\t202"));
    assertThat(lines.subList(1, 51)).isSortedAccordingTo(Comparator.comparing(line -> Instant.parse(line.split("\t")[0])));
  }

  @Test
  void receiptsSignedUnderAnotherCaFailTheRun() throws Exception {
    // The gateway's receipts chain to the gateway CA, not to the banks' CA: none may count as verified.
    CliRun run = CliRun.run("bench", "--url", url(), "--messages", "5", "--concurrency", "2",
        "--verify-with", "certs/dev/ca/public-ca.pem", "--json");

    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(run.exitCode()).isEqualTo(PartnerCli.FAILED);
    assertThat(report.path("unverifiedReceipts").asInt()).isEqualTo(5);
    assertThat(report.path("firstUnverifiedReason").asText()).startsWith("SystemSignature");
    assertThat(report.path("passed").asBoolean()).isFalse();
  }

  private String url() {
    return "http://127.0.0.1:" + port + "/api/v1/messages";
  }
}
