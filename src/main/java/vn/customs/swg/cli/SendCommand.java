package vn.customs.swg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.w3c.dom.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.config.GatewayProperties.PushTls;
import vn.customs.swg.delivery.PushTlsContext;

/**
 * {@code send}: signs the envelope unless it already carries a sender signature, POSTs it to the
 * gateway and reports the receipt: HTTP status, messageId, receipt status and errors, and, with
 * {@code --verify-with}, whether the receipt's system signature verifies to those CAs. Exit 0 for
 * ACCEPTED or DUPLICATE (with a verifying receipt when asked), 1 otherwise, 2 when nothing could
 * be sent. A receipt that answers another messageId is not an acceptance of this one.
 *
 * <p>Over https the partner's TLS client certificate ({@code --tls-keystore}, a key of its own, not
 * the signing key) tells the gateway who is connecting; {@code --tls-truststore} holds the CAs the
 * gateway's TLS server certificate must chain to (the JVM's trust store without it).
 */
@Command(name = "send", sortOptions = false,
    description = "Sign (if not signed yet) and send an envelope to the gateway; check the receipt.")
final class SendCommand implements Callable<Integer> {

  @ParentCommand
  PartnerCli cli;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Mixin
  SigningOptions signing;

  @Option(names = "--url", paramLabel = "<url>", defaultValue = "http://localhost:8080/api/v1/messages",
      description = "Gateway endpoint (default: ${DEFAULT-VALUE}).")
  URI url;

  @Option(names = "--verify-with", paramLabel = "<ca.pem>",
      description = "CA certificate(s) the receipt's gateway signature must chain to; repeat for more.")
  List<Path> verifyWith;

  @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "30s", converter = DurationConverter.class,
      description = "Connect and response timeout, e.g. 30s, 2m, 500ms (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--tls-keystore", paramLabel = "<tls.p12>",
      description = "PKCS#12 with your TLS client key and certificate (not your signing key), for an https gateway.")
  Path tlsKeystore;

  @Option(names = "--tls-keystore-password", paramLabel = "<password>", description = "Its password (store and key).")
  String tlsKeystorePassword;

  @Option(names = "--tls-truststore", paramLabel = "<cas.p12>",
      description = "PKCS#12 with the CA(s) the gateway's TLS certificate must chain to (default: the JVM's).")
  Path tlsTruststore;

  @Option(names = "--tls-truststore-password", paramLabel = "<password>", description = "Its password.")
  String tlsTruststorePassword;

  @Option(names = "--print-receipt", description = "Print the receipt XML as well.")
  boolean printReceipt;

  @Parameters(paramLabel = "<envelope.xml>", description = "The envelope to send.")
  Path envelope;

  private final HardenedXmlParser parser = HardenedXmlParser.withDefaults();

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
      throw new IllegalArgumentException("--url must be an http or https URL");
    }
    byte[] original = Files.readAllBytes(envelope);
    Document document = parser.parse(original);
    byte[] submitted;
    String messageId;
    if (EnvelopeParts.has(document, "Signatures", "SenderSignature") && !signing.force) {
      if (signing.fresh) {
        throw new IllegalArgumentException("--fresh would break the envelope's SenderSignature;"
            + " add --force and a signing key to sign it again");
      }
      submitted = original;
      messageId = EnvelopeParts.text(document, "Header", "Reference", "messageId");
    } else {
      messageId = signing.sign(document, cli.clock);
      submitted = XmlOutput.toBytes(document);
    }

    HttpResponse<InputStream> response = post(submitted);
    byte[] answer;
    try (InputStream in = response.body()) {
      // One byte over the parser's cap is enough for it to refuse the answer as too large.
      answer = in.readNBytes(parser.maxBytes() + 1);
    }
    cli.out.printf("%-16s %d%n", "HTTP", response.statusCode());
    cli.out.printf("%-16s %s%n", "messageId", ReceiptSummary.printable(messageId));
    boolean accepted = report(answer, messageId);
    if (printReceipt) {
      cli.out.println(new String(answer, StandardCharsets.UTF_8));
    }
    return accepted ? PartnerCli.OK : PartnerCli.FAILED;
  }

  private HttpResponse<InputStream> post(byte[] body) throws IOException, InterruptedException {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
    if (tlsKeystore != null || tlsTruststore != null) {
      if (!"https".equalsIgnoreCase(url.getScheme())) {
        throw new IllegalArgumentException("--tls-keystore and --tls-truststore are for an https --url");
      }
      // The same PKCS#12 loading as the gateway's own TLS client; errors name the option.
      builder.sslContext(PushTlsContext.create(
          new PushTls(tlsKeystore, tlsKeystorePassword, tlsTruststore, tlsTruststorePassword), "--tls-"));
    }
    HttpClient client = builder.build();
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
        .header("Content-Type", "application/xml")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new IOException("cannot send to " + url + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
  }

  /** Prints the receipt; true when it accepts this messageId (and verifies, when asked). */
  private boolean report(byte[] answer, String messageId) {
    ReceiptSummary receipt;
    try {
      receipt = answer.length == 0 ? null : ReceiptSummary.of(parser.parse(answer));
    } catch (MessageRejectedException e) {
      receipt = null;
    }
    if (receipt == null) {
      cli.err.println("error: the gateway's answer is not a receipt");
      return false;
    }
    receipt.print(cli.out);
    boolean accepted = receipt.acceptedOrDuplicate();
    if (receipt.refToMessageId() != null && !receipt.refToMessageId().equals(messageId)) {
      cli.out.printf("%-16s %s does not match the submitted messageId%n", "refToMessageId",
          ReceiptSummary.printable(receipt.refToMessageId()));
      accepted = false;
    }
    if (verifyWith != null) {
      EnvelopeChecker checker = new EnvelopeChecker(EnvelopeChecker.trusting(verifyWith, "--verify-with"), cli.clock);
      List<EnvelopeChecker.Outcome> outcomes = checker.check(answer);
      if (outcomes.stream().noneMatch(outcome -> outcome.signature().equals("SystemSignature"))) {
        outcomes = List.of(new EnvelopeChecker.Outcome("SystemSignature", false, null, "the receipt is not signed"));
      }
      outcomes.forEach(outcome -> cli.out.println(outcome.line()));
      accepted &= outcomes.stream().allMatch(EnvelopeChecker.Outcome::verified);
    }
    return accepted;
  }
}
