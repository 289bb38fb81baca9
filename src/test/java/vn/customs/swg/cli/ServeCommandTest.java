package vn.customs.swg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.swg.cli.GatewayEnvelopes.DOSSIER_STATUS;
import static vn.customs.swg.cli.GatewayEnvelopes.GATEWAY_CA;
import static vn.customs.swg.cli.GatewayEnvelopes.PUBLIC_CA;
import static vn.customs.swg.cli.GatewayEnvelopes.TAX_PAYMENT_CONFIRMATION;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.admission.SchemaRegistry;
import vn.customs.swg.signature.SenderSignatureVerifier;
import vn.customs.swg.signature.SignatureProfile;
import vn.customs.swg.trust.PemCertificates;

/**
 * {@code serve} as the gateway's HTTP push meets it: gateway-signed envelopes POSTed to it are
 * answered with receipts that pass the gateway's own check of a partner's signature (sender
 * profile, the dev partner's registered certificate, its CA) and the envelope schema.
 */
class ServeCommandTest {

  private static final X509Certificate VCB = PemCertificates.read(Path.of("certs/dev/partners/vcb/cert.pem"), "test").get(0);
  private static final HardenedXmlParser PARSER = HardenedXmlParser.withDefaults();
  private static final SchemaRegistry SCHEMAS = new SchemaRegistry();
  private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/\\S*)");

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void answersAGatewaySignedEnvelopeWithAReceiptTheGatewayAccepts() throws Exception {
    byte[] pushed = GatewayEnvelopes.signed(TAX_PAYMENT_CONFIRMATION);
    String messageId = GatewayEnvelopes.messageId(pushed);
    Serving serve = serve(1);

    HttpResponse<byte[]> answer = serve.post(pushed);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/xml"));
    Document receipt = checkedReceipt(answer.body());
    ReceiptSummary summary = ReceiptSummary.of(receipt);
    assertThat(summary.status()).isEqualTo("ACCEPTED");
    assertThat(summary.refToMessageId()).isEqualTo(messageId);
    assertThat(summary.errors()).isEmpty();
    assertThat(EnvelopeParts.text(receipt, "Header", "From", "partyType")).isEqualTo("BANK");
    assertThat(EnvelopeParts.text(receipt, "Header", "From", "identity")).isEqualTo("01203001");
    assertThat(EnvelopeParts.text(receipt, "Header", "To", "partyType")).isEqualTo("CUSTOMS");
    assertThat(EnvelopeParts.text(receipt, "Header", "To", "identity")).isEqualTo("TCHQ");
    assertThat(EnvelopeParts.text(receipt, "Header", "Subject", "messageType")).isEqualTo("RECEIPT");
    assertThat(EnvelopeParts.text(receipt, "Header", "Subject", "function")).isEqualTo("RECEIPT");
    assertThat(EnvelopeParts.text(receipt, "Header", "Reference", "messageId")).matches("01203001[0-9A-F]{32}");
    assertThat(EnvelopeParts.text(receipt, "Body", "Receipt", "receivedAt")).endsWith("+07:00");
    assertThat(dir.resolve(messageId + ".xml")).hasBinaryContent(pushed);

    CliRun run = serve.finished();
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("ACCEPTED +" + messageId + " +TAX_PAYMENT_CONFIRMATION +saved ")
        .contains("stopped after 1 message(s)");
  }

  @Test
  void refusesATamperedEnvelopeWithASignedRejectionAndSavesNothing() throws Exception {
    byte[] pushed = GatewayEnvelopes.tampered(GatewayEnvelopes.signed(TAX_PAYMENT_CONFIRMATION),
        "<tpc:totalCredited>370770000<", "<tpc:totalCredited>970770000<");
    String messageId = GatewayEnvelopes.messageId(pushed);
    Serving serve = serve(1);

    HttpResponse<byte[]> answer = serve.post(pushed);

    ReceiptSummary summary = ReceiptSummary.of(checkedReceipt(answer.body()));
    assertThat(summary.status()).isEqualTo("REJECTED");
    assertThat(summary.refToMessageId()).isEqualTo(messageId);
    assertThat(summary.errors()).extracting(ReceiptSummary.Error::code).containsExactly("SWG-SEC-002");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(dir.resolve(messageId + ".xml")).doesNotExist();
    assertThat(serve.finished().out()).containsPattern("REJECTED +" + messageId + " .*SWG-SEC-002");
  }

  @Test
  void refusesWhatIsNotSignedByTheGatewayItTrustsOrNotAddressedToIt() throws Exception {
    Serving serve = serve(3, "--verify-with", GATEWAY_CA.toString());

    assertThat(codes(serve.post(GatewayEnvelopes.unsigned(TAX_PAYMENT_CONFIRMATION)))).containsExactly("SWG-SEC-001");
    assertThat(codes(serve.post(GatewayEnvelopes.signed(DOSSIER_STATUS)))).as("addressed to BCT")
        .containsExactly("SWG-RTE-001");
    assertThat(codes(serve.post("<not-xml".getBytes(StandardCharsets.UTF_8)))).containsExactly("SWG-ENV-001");
    serve.finished();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aGatewaySignatureUnderAnotherCaIsNotTrusted() throws Exception {
    Serving serve = serveTrusting(PUBLIC_CA, 1);

    assertThat(codes(serve.post(GatewayEnvelopes.signed(TAX_PAYMENT_CONFIRMATION)))).containsExactly("SWG-SEC-005");
    serve.finished();
  }

  @Test
  void theSameEnvelopeAgainIsADuplicateAndOtherBytesUnderItsIdAreRefused() throws Exception {
    byte[] pushed = GatewayEnvelopes.signed(TAX_PAYMENT_CONFIRMATION);
    Serving serve = serve(3);
    serve.post(pushed);

    HttpResponse<byte[]> again = serve.post(pushed);
    assertThat(ReceiptSummary.of(checkedReceipt(again.body())).status()).isEqualTo("DUPLICATE");

    // Same messageId, signed again by the gateway with other content.
    byte[] changed = resigned(pushed, "<tpc:status>MATCHED<", "<tpc:status>PARTIAL<");
    assertThat(codes(serve.post(changed))).containsExactly(ErrorCode.DUP_001.code());
    assertThat(dir.resolve(GatewayEnvelopes.messageId(pushed) + ".xml")).hasBinaryContent(pushed);
    serve.finished();
  }

  @Test
  void onlyPostsToThePathAreAnsweredAndCounted() throws Exception {
    Serving serve = serve(1);
    URI other = URI.create(serve.url.replace("/swg/messages", "/other"));

    assertThat(http.send(HttpRequest.newBuilder(URI.create(serve.url)).GET().build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);
    assertThat(http.send(HttpRequest.newBuilder(other).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    assertThat(http.send(HttpRequest.newBuilder(URI.create(serve.url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode()).isEqualTo(415);
    assertThat(serve.finished().out()).contains("stopped after 1 message(s)");
  }

  @Test
  void aGatewayPartyTypeOrAnIdentityTheCertificateCannotGiveIsAUsageError() {
    CliRun customs = CliRun.run("serve", "--port", "0", "--keystore", CliRun.VCB_KEYSTORE.toString(),
        "--password", "changeit", "--verify-with", GATEWAY_CA.toString(), "--party-type", "CUSTOMS");
    CliRun badIdentity = CliRun.run("serve", "--port", "0", "--keystore", CliRun.VCB_KEYSTORE.toString(),
        "--password", "changeit", "--verify-with", GATEWAY_CA.toString(), "--identity", "a b");

    assertThat(customs.exitCode()).isEqualTo(2);
    assertThat(customs.err()).contains("--party-type CUSTOMS");
    assertThat(badIdentity.exitCode()).isEqualTo(2);
    assertThat(badIdentity.err()).contains("--identity");
  }

  @Test
  void theIdentityIsTheCertificatesOrganisationalUnit() {
    assertThat(ServeCommand.identityOf(VCB.getSubjectX500Principal())).isEqualTo("01203001");
  }

  /** Schema-valid, and signed in the sender profile by vcb's registered certificate under its CA. */
  private static Document checkedReceipt(byte[] receipt) {
    Document document = PARSER.parse(receipt);
    SCHEMAS.validate("schemas/envelope/envelope-1.xsd", document.getDocumentElement(), ErrorCode.ENV_002);
    assertThat(new SenderSignatureVerifier(new SignatureProfile()).verify(PARSER.parse(receipt), false)
        .signingCertificate()).isEqualTo(VCB);
    List<EnvelopeChecker.Outcome> outcomes =
        new EnvelopeChecker(EnvelopeChecker.trusting(List.of(PUBLIC_CA), "test"), Clock.systemUTC()).check(receipt);
    assertThat(outcomes).singleElement().satisfies(outcome -> {
      assertThat(outcome.signature()).isEqualTo("SenderSignature");
      assertThat(outcome.verified()).as(outcome.line()).isTrue();
    });
    return document;
  }

  private static List<String> codes(HttpResponse<byte[]> answer) {
    ReceiptSummary summary = ReceiptSummary.of(checkedReceipt(answer.body()));
    assertThat(summary.status()).isEqualTo("REJECTED");
    return summary.errors().stream().map(ReceiptSummary.Error::code).toList();
  }

  private static byte[] resigned(byte[] signed, String from, String to) {
    Document document = PARSER.parse(GatewayEnvelopes.tampered(signed, from, to));
    EnvelopeParts.removeSignature(document, "SystemSignature");
    CliRun.devGateway().signAsGateway(document);
    return vn.customs.swg.XmlOutput.toBytes(document);
  }

  private Serving serve(int maxMessages, String... extra) throws Exception {
    return extra.length == 0 ? serveTrusting(GATEWAY_CA, maxMessages) : start(maxMessages, extra);
  }

  private Serving serveTrusting(Path ca, int maxMessages) throws Exception {
    return start(maxMessages, "--verify-with", ca.toString());
  }

  private Serving start(int maxMessages, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--keystore", CliRun.VCB_KEYSTORE.toString(),
        "--password", "changeit", "--out", dir.toString(), "--max-messages", Integer.toString(maxMessages)));
    args.addAll(List.of(extra));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> {
      try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
          PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
        int code = PartnerCli.run(o, e, Clock.systemUTC(), args.toArray(String[]::new));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline && !run.isDone()) {
      Matcher listening = LISTENING.matcher(out.toString(StandardCharsets.UTF_8));
      if (listening.find()) {
        return new Serving(listening.group(1), run);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("serve did not start: " + out.toString(StandardCharsets.UTF_8)
        + err.toString(StandardCharsets.UTF_8));
  }

  /** A running {@code serve} and its URL. */
  private final class Serving {
    final String url;
    final CompletableFuture<CliRun> run;

    Serving(String url, CompletableFuture<CliRun> run) {
      this.url = url;
      this.run = run;
    }

    HttpResponse<byte[]> post(byte[] envelope) throws IOException, InterruptedException {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
          .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    }

    CliRun finished() throws Exception {
      return run.get(20, TimeUnit.SECONDS);
    }
  }
}
