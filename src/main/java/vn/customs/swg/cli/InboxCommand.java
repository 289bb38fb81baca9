package vn.customs.swg.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.customs.swg.MessageRejectedException;

/**
 * {@code inbox}: fetches a PULL partner's inbox from the gateway ({@code GET /api/v1/inbox}, one
 * page), checks each envelope's signatures with {@link EnvelopeChecker} (a SystemSignature must be
 * present and every signature verify and chain to {@code --verify-with}), checks that the listed
 * messageId is the one the envelope itself carries, saves it as {@code <messageId>.xml} and, with
 * {@code --ack}, acknowledges it ({@code POST /api/v1/inbox/<messageId>/ack}). It never saves nor
 * acknowledges an envelope that failed a check: the gateway offers it again, and the partner's
 * back office never sees it. One line per message, then a count. Exit 0 when every message
 * verified (and was saved and acknowledged when asked), 1 otherwise, 2 when the inbox could not
 * be read (wrong token, unreachable gateway, usage). The token is never printed.
 */
@Command(name = "inbox", sortOptions = false,
    description = "Fetch the pull inbox: verify each envelope's gateway signature, save it, acknowledge it.")
final class InboxCommand implements Callable<Integer> {

  static final String INBOX_PATH = "/api/v1/inbox";
  private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  /** A page holds at most 100 envelopes of 2 MB, capped by the gateway at 8 MB (11 MB in base64). */
  private static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;

  @ParentCommand
  PartnerCli cli;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--url", paramLabel = "<url>", defaultValue = "http://localhost:8080",
      description = "The gateway (default: ${DEFAULT-VALUE}).")
  URI url;

  // No ${DEFAULT-VALUE} in the description: that would print the token in the help.
  @Option(names = "--token", paramLabel = "<token>", defaultValue = "${env:SWG_PULL_TOKEN}",
      description = "The partner's pull token; default: the environment variable SWG_PULL_TOKEN"
          + " (preferred: a command line is visible to other users of the machine).")
  String token;

  @Option(names = "--ack", description = "Acknowledge each message that verified (and was saved), so it is not offered again.")
  boolean ack;

  @Option(names = "--out", paramLabel = "<dir>", description = "Save each verified envelope here as <messageId>.xml.")
  Path out;

  @Option(names = "--verify-with", paramLabel = "<ca.pem>",
      description = "CA certificate(s) the gateway's SystemSignature must chain to; repeat for more. Required with --ack.")
  List<Path> verifyWith;

  @Option(names = "--limit", paramLabel = "<n>", defaultValue = "100",
      description = "Messages to fetch, 1-100 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "30s", converter = DurationConverter.class,
      description = "Connect and response timeout, e.g. 30s, 2m, 500ms (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  private HttpClient client;
  private String base;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
      throw new IllegalArgumentException("--url must be an http or https URL");
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("no pull token: set SWG_PULL_TOKEN or give --token");
    }
    if (ack && verifyWith == null) {
      throw new IllegalArgumentException("--ack needs --verify-with: only envelopes whose gateway signature"
          + " verifies are acknowledged");
    }
    if (limit < 1 || limit > 100) {
      throw new IllegalArgumentException("--limit must be 1-100");
    }
    if ("http".equalsIgnoreCase(url.getScheme()) && !isLoopback(url.getHost())) {
      cli.err.println("warning: the pull token goes to " + url.getHost() + " over plain http; use https");
    }
    base = url.toString().replaceAll("/+$", "");
    if (base.endsWith(INBOX_PATH)) {
      base = base.substring(0, base.length() - INBOX_PATH.length());
    }
    client = HttpClient.newBuilder().connectTimeout(timeout).build();

    HttpResponse<InputStream> response = send(HttpRequest.newBuilder(URI.create(base + INBOX_PATH + "?limit=" + limit))
        .header("Accept", "application/json").GET(), HttpResponse.BodyHandlers.ofInputStream());
    byte[] answer;
    try (InputStream in = response.body()) {
      answer = in.readNBytes(MAX_ANSWER_BYTES + 1);
    }
    if (response.statusCode() == 401) {
      cli.err.println("error: the gateway refused the pull token (HTTP 401)");
      return PartnerCli.USAGE;
    }
    if (response.statusCode() != 200) {
      cli.err.println("error: the gateway answered HTTP " + response.statusCode());
      return PartnerCli.USAGE;
    }
    if (answer.length > MAX_ANSWER_BYTES) {
      cli.err.println("error: the inbox answer is over " + MAX_ANSWER_BYTES + " bytes");
      return PartnerCli.USAGE;
    }
    JsonNode messages;
    try {
      messages = new ObjectMapper().readTree(answer).path("messages");
    } catch (IOException e) {
      messages = null;
    }
    if (messages == null || !messages.isArray()) {
      cli.err.println("error: the gateway's answer is not an inbox (no \"messages\" list)");
      return PartnerCli.USAGE;
    }

    EnvelopeChecker checker = verifyWith == null ? null
        : new EnvelopeChecker(EnvelopeChecker.trusting(verifyWith, "--verify-with"), cli.clock);
    int verified = 0;
    int failed = 0;
    int acknowledged = 0;
    for (JsonNode message : messages) {
      Handled handled = handle(message, checker);
      verified += handled.verified ? 1 : 0;
      failed += handled.failed ? 1 : 0;
      acknowledged += handled.acknowledged ? 1 : 0;
    }
    cli.out.printf("%d message(s): %d verified, %d failed, %d acknowledged%n",
        messages.size(), verified, failed, acknowledged);
    return failed == 0 ? PartnerCli.OK : PartnerCli.FAILED;
  }

  private record Handled(boolean verified, boolean failed, boolean acknowledged) {}

  private Handled handle(JsonNode message, EnvelopeChecker checker) throws IOException, InterruptedException {
    String messageId = message.path("messageId").asText(null);
    String messageType = message.path("messageType").asText(null);
    if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
      return failed(messageId, messageType, "not a valid messageId");
    }
    byte[] envelope;
    try {
      envelope = Base64.getDecoder().decode(message.path("envelope").asText(""));
    } catch (IllegalArgumentException e) {
      return failed(messageId, messageType, "the envelope is not base64");
    }
    String verdict = "not verified";
    if (checker != null) {
      String problem = problemWith(envelope, messageId, checker);
      if (problem != null) {
        return failed(messageId, messageType, problem);
      }
      verdict = "SystemSignature OK";
    }
    StringBuilder line = new StringBuilder(verdict);
    if (out != null) {
      Path file = out.resolve(messageId + ".xml");
      try {
        save(file, envelope);
      } catch (IOException e) {
        // Not saved, so not acknowledged either: the gateway keeps it for the next run.
        return failed(messageId, messageType, "cannot save " + file + ": " + e.getMessage());
      }
      line.append("  saved ").append(file);
    }
    boolean acknowledged = false;
    if (ack) {
      int status = send(HttpRequest.newBuilder(URI.create(base + INBOX_PATH + "/" + messageId + "/ack"))
          .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding()).statusCode();
      acknowledged = status == 204 || status == 200;
      if (!acknowledged) {
        print(messageId, messageType, line.append("  NOT acknowledged (HTTP ").append(status).append(")").toString());
        return new Handled(checker != null, true, false);
      }
      line.append("  acknowledged");
    }
    print(messageId, messageType, line.toString());
    return new Handled(checker != null, false, acknowledged);
  }

  /** Why the envelope is not to be trusted, or null when every check passed. */
  private static String problemWith(byte[] envelope, String messageId, EnvelopeChecker checker) {
    Document document;
    List<EnvelopeChecker.Outcome> outcomes;
    try {
      document = checker.parse(envelope);
      outcomes = checker.check(envelope);
    } catch (MessageRejectedException e) {
      return e.getMessage();
    }
    if (outcomes.stream().noneMatch(outcome -> outcome.signature().equals("SystemSignature"))) {
      return "no SystemSignature: not signed by the gateway";
    }
    for (EnvelopeChecker.Outcome outcome : outcomes) {
      if (!outcome.verified()) {
        return outcome.signature() + " FAILED: " + outcome.reason();
      }
    }
    // The gateway signed the envelope, not the list around it: the id we acknowledge must be the signed one.
    String signedId = EnvelopeParts.text(document, "Header", "Reference", "messageId");
    if (!messageId.equals(signedId)) {
      return "listed as " + messageId + " but the envelope's messageId is " + ReceiptSummary.printable(signedId);
    }
    return null;
  }

  private Handled failed(String messageId, String messageType, String reason) {
    print(messageId, messageType, "FAILED  " + reason + "  (not saved, not acknowledged)");
    return new Handled(false, true, false);
  }

  private void print(String messageId, String messageType, String detail) {
    cli.out.printf("%-40s %-26s %s%n", ReceiptSummary.printable(messageId), ReceiptSummary.printable(messageType),
        ReceiptSummary.printable(detail));
  }

  private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    HttpRequest built = request.timeout(timeout).header("Authorization", "Bearer " + token.trim()).build();
    try {
      return client.send(built, body);
    } catch (IOException e) {
      throw new IOException("cannot reach " + built.uri().getHost() + ":" + built.uri().getPort() + " ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
  }

  private static void save(Path file, byte[] envelope) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = Files.createTempFile(file.getParent(), ".inbox-", ".tmp");
    try {
      Files.write(temporary, envelope);
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static boolean isLoopback(String host) {
    try {
      return host != null && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
