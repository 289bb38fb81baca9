package vn.customs.swg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.swg.cli.GatewayEnvelopes.DOSSIER_STATUS;
import static vn.customs.swg.cli.GatewayEnvelopes.GATEWAY_CA;
import static vn.customs.swg.cli.GatewayEnvelopes.PUBLIC_CA;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inbox} against a stand-in gateway on 127.0.0.1 that serves a JSON inbox and records
 * acknowledgements: only envelopes whose gateway signature verifies are saved and acknowledged.
 */
class InboxCommandTest {

  private static final String TOKEN = "moit-pull-token-0123456789";

  @TempDir
  Path dir;

  private HttpServer server;
  /** messageId as listed → envelope bytes, in inbox order. */
  private final Map<String, byte[]> inbox = Collections.synchronizedMap(new LinkedHashMap<>());
  private final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
  private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  private final List<String> queries = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void startGateway() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/inbox", this::answer);
    server.start();
  }

  @AfterEach
  void stopGateway() {
    server.stop(0);
  }

  @Test
  void savesAndAcknowledgesOnlyTheEnvelopesThatVerify() throws IOException {
    byte[] good = GatewayEnvelopes.signed(DOSSIER_STATUS);
    byte[] tampered = GatewayEnvelopes.tampered(GatewayEnvelopes.signed(DOSSIER_STATUS),
        "<dst:status>CLEARED<", "<dst:status>REFUSED<");
    byte[] unsigned = GatewayEnvelopes.unsigned(DOSSIER_STATUS);
    byte[] relabelled = GatewayEnvelopes.signed(DOSSIER_STATUS);
    list(GatewayEnvelopes.messageId(good), good);
    list(GatewayEnvelopes.messageId(tampered), tampered);
    list(GatewayEnvelopes.messageId(unsigned), unsigned);
    // A genuine envelope listed under another id: acknowledging that id would drop a message unseen.
    list("TCHQ0000000000000000000000000000000A", relabelled);

    CliRun run = inbox("--ack", "--out", dir.toString(), "--verify-with", GATEWAY_CA.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(acknowledged).containsExactly(GatewayEnvelopes.messageId(good));
    assertThat(dir.resolve(GatewayEnvelopes.messageId(good) + ".xml")).hasBinaryContent(good);
    assertThat(dir.toFile().list()).as("nothing else saved, no temporary file left")
        .containsExactly(GatewayEnvelopes.messageId(good) + ".xml");
    assertThat(run.out())
        .containsPattern(GatewayEnvelopes.messageId(good) + " +DOSSIER_STATUS +SystemSignature OK +saved .* acknowledged")
        .containsPattern(GatewayEnvelopes.messageId(tampered) + " .*FAILED .*SWG-SEC-002")
        .containsPattern(GatewayEnvelopes.messageId(unsigned) + " .*FAILED +no SystemSignature")
        .containsPattern("TCHQ0000000000000000000000000000000A .*FAILED +listed as")
        .contains("4 message(s): 1 verified, 3 failed, 1 acknowledged");
    assertThat(authorizations).isNotEmpty().allMatch(("Bearer " + TOKEN)::equals);
    assertThat(run.out() + run.err()).doesNotContain(TOKEN);
    assertThat(queries).containsExactly("limit=100");
  }

  @Test
  void everyEnvelopeVerifyingExitsZero() {
    byte[] first = GatewayEnvelopes.signed(DOSSIER_STATUS);
    byte[] second = GatewayEnvelopes.signed(DOSSIER_STATUS);
    list(GatewayEnvelopes.messageId(first), first);
    list(GatewayEnvelopes.messageId(second), second);

    CliRun run = inbox("--ack", "--verify-with", GATEWAY_CA.toString(), "--limit", "5");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(acknowledged).containsExactly(GatewayEnvelopes.messageId(first), GatewayEnvelopes.messageId(second));
    assertThat(run.out()).contains("2 message(s): 2 verified, 0 failed, 2 acknowledged");
    assertThat(queries).containsExactly("limit=5");
  }

  @Test
  void withoutAckNothingIsAcknowledged() {
    byte[] envelope = GatewayEnvelopes.signed(DOSSIER_STATUS);
    list(GatewayEnvelopes.messageId(envelope), envelope);

    CliRun run = inbox("--out", dir.toString(), "--verify-with", GATEWAY_CA.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(acknowledged).isEmpty();
    assertThat(dir.resolve(GatewayEnvelopes.messageId(envelope) + ".xml")).hasBinaryContent(envelope);
  }

  @Test
  void aGatewaySignatureUnderAnotherCaIsNeitherSavedNorAcknowledged() {
    byte[] envelope = GatewayEnvelopes.signed(DOSSIER_STATUS);
    list(GatewayEnvelopes.messageId(envelope), envelope);

    CliRun run = inbox("--ack", "--out", dir.toString(), "--verify-with", PUBLIC_CA.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("SWG-SEC-005");
    assertThat(acknowledged).isEmpty();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aRefusedTokenExitsTwo() {
    byte[] envelope = GatewayEnvelopes.signed(DOSSIER_STATUS);
    list(GatewayEnvelopes.messageId(envelope), envelope);

    CliRun run = CliRun.run("inbox", "--url", url(), "--token", "wrong-token", "--ack",
        "--verify-with", GATEWAY_CA.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("refused the pull token (HTTP 401)");
    assertThat(acknowledged).isEmpty();
  }

  @Test
  void ackWithoutVerificationIsAUsageErrorAndAsksNothing() {
    CliRun run = inbox("--ack");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--ack needs --verify-with");
    assertThat(authorizations).isEmpty();
  }

  @Test
  void anAnswerThatIsNotAnInboxExitsTwo() {
    server.removeContext("/api/v1/inbox");
    server.createContext("/api/v1/inbox", exchange -> respond(exchange, 200, "<html>login</html>".getBytes()));

    CliRun run = inbox("--verify-with", GATEWAY_CA.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("not an inbox");
  }

  private CliRun inbox(String... options) {
    List<String> args = new ArrayList<>(List.of("inbox", "--url", url(), "--token", TOKEN));
    args.addAll(List.of(options));
    return CliRun.run(args.toArray(String[]::new));
  }

  private void list(String messageId, byte[] envelope) {
    inbox.put(messageId, envelope);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The gateway's inbox: JSON list on GET, 204 for an acknowledgement of a listed message. */
  private void answer(HttpExchange exchange) throws IOException {
    authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
    if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      respond(exchange, 401, new byte[0]);
      return;
    }
    String path = exchange.getRequestURI().getPath();
    if ("GET".equals(exchange.getRequestMethod()) && path.equals("/api/v1/inbox")) {
      queries.add(exchange.getRequestURI().getQuery());
      ObjectMapper json = new ObjectMapper();
      ObjectNode page = json.createObjectNode();
      ArrayNode messages = page.putArray("messages");
      synchronized (inbox) {
        inbox.forEach((messageId, envelope) -> messages.addObject().put("messageId", messageId)
            .put("messageType", "DOSSIER_STATUS").put("envelope", Base64.getEncoder().encodeToString(envelope)));
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      respond(exchange, 200, json.writeValueAsBytes(page));
    } else if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/ack")) {
      String messageId = path.substring("/api/v1/inbox/".length(), path.length() - "/ack".length());
      if (inbox.containsKey(messageId)) {
        acknowledged.add(messageId);
        respond(exchange, 204, null);
      } else {
        respond(exchange, 404, null);
      }
    } else {
      respond(exchange, 405, null);
    }
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body == null || body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (body != null) {
        out.write(body);
      }
    }
  }
}
