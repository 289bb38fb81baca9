package vn.customs.swg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.swg.cli.CliRun.ROOT_CA;
import static vn.customs.swg.cli.CliRun.TAX_PAYMENT_NOTICE;
import static vn.customs.swg.cli.CliRun.VCB_KEYSTORE;
import static vn.customs.swg.cli.CliRun.run;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.receipt.ReceiptFactory;
import vn.customs.swg.receipt.ReceiptStatus;
import vn.customs.swg.signature.SenderSignatureVerifier;
import vn.customs.swg.signature.SignatureProfile;

/**
 * {@code send} against a stand-in gateway on 127.0.0.1: it checks that it received a signed
 * envelope as application/xml and answers with a receipt signed by the dev gateway key.
 */
class SendCommandTest {

  private static final ReceiptFactory RECEIPTS =
      new ReceiptFactory(CliRun.devGateway(), Clock.system(ZoneOffset.ofHours(7)), "TCHQ");

  @TempDir
  Path dir;

  private HttpServer server;
  private final List<byte[]> received = new ArrayList<>();
  private final List<String> contentTypes = new ArrayList<>();
  private volatile ReceiptStatus answerStatus = ReceiptStatus.ACCEPTED;
  private volatile UnaryOperator<String> tamper = UnaryOperator.identity();

  @BeforeEach
  void startGateway() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/messages", this::answer);
    server.start();
  }

  @AfterEach
  void stopGateway() {
    server.stop(0);
  }

  @Test
  void acceptedReceiptWithAVerifyingGatewaySignatureExitsZero() {
    CliRun send = send("--fresh", "--verify-with", ROOT_CA.toString());

    assertThat(send.exitCode()).as(send.out() + send.err()).isZero();
    assertThat(send.out()).containsPattern("HTTP +202").containsPattern("status +ACCEPTED")
        .containsPattern("SystemSignature +OK +CN=SWG Dev Gateway");
    assertThat(contentTypes).containsExactly("application/xml");
    String submittedId = EnvelopeParts.text(parse(received.get(0)), "Header", "Reference", "messageId");
    assertThat(send.out()).containsPattern("messageId +" + submittedId);
  }

  @Test
  void sendsAnEnvelopeCarryingAValidSenderSignature() {
    send("--fresh");

    Document submitted = parse(received.get(0));
    assertThat(new SenderSignatureVerifier(new SignatureProfile()).verify(submitted, false)
        .signingCertificate().getSubjectX500Principal().getName()).contains("OU=01203001");
  }

  @Test
  void rejectedReceiptExitsOneAndNamesTheErrors() {
    answerStatus = ReceiptStatus.REJECTED;

    CliRun send = send("--fresh", "--verify-with", ROOT_CA.toString());

    assertThat(send.exitCode()).isEqualTo(1);
    assertThat(send.out()).containsPattern("HTTP +403").containsPattern("status +REJECTED")
        .contains("SWG-SEC-005").contains(ErrorCode.SEC_005.english());
  }

  @Test
  void acceptedReceiptWhoseSignatureDoesNotVerifyExitsOne() {
    tamper = receipt -> receipt.replace("<swg:status>ACCEPTED</swg:status>", "<swg:status>DUPLICATE</swg:status>");

    CliRun send = send("--fresh", "--verify-with", ROOT_CA.toString());

    assertThat(send.exitCode()).isEqualTo(1);
    assertThat(send.out()).containsPattern("SystemSignature +FAILED").contains("SWG-SEC-002");
  }

  @Test
  void receiptSignedUnderAnotherCaIsNotTrusted() {
    CliRun send = send("--fresh", "--verify-with", "certs/dev/ca/public-ca.pem");

    assertThat(send.exitCode()).isEqualTo(1);
    assertThat(send.out()).containsPattern("SystemSignature +FAILED").contains("SWG-SEC-005");
  }

  @Test
  void printsTheReceiptWhenAsked() {
    CliRun send = send("--fresh", "--print-receipt");

    assertThat(send.exitCode()).isZero();
    assertThat(send.out()).contains("<swg:Receipt>").contains("system-signature");
  }

  @Test
  void sendsASignedEnvelopeAsItIsWithoutSigningOptions() throws IOException {
    Path signed = dir.resolve("signed.xml");
    assertThat(run("sign", "--keystore", VCB_KEYSTORE.toString(), "--password", "changeit", "--fresh",
        "--output", signed.toString(), TAX_PAYMENT_NOTICE.toString()).exitCode()).isZero();

    CliRun send = run("send", "--url", url(), signed.toString());

    assertThat(send.exitCode()).as(send.err()).isZero();
    assertThat(received.get(0)).isEqualTo(Files.readAllBytes(signed));
  }

  @Test
  void anUnsignedEnvelopeWithoutSigningOptionsIsAUsageError() {
    CliRun send = run("send", "--url", url(), TAX_PAYMENT_NOTICE.toString());

    assertThat(send.exitCode()).isEqualTo(2);
    assertThat(send.err()).contains("no signing key");
    assertThat(received).isEmpty();
  }

  @Test
  void anUnreachableGatewayExitsTwo() {
    server.stop(0);

    CliRun send = send("--fresh", "--timeout", "5s");

    assertThat(send.exitCode()).isEqualTo(2);
    assertThat(send.err()).contains("cannot send to");
  }

  private CliRun send(String... options) {
    List<String> args = new ArrayList<>(List.of("send", "--url", url(),
        "--keystore", VCB_KEYSTORE.toString(), "--password", "changeit"));
    args.addAll(List.of(options));
    args.add(TAX_PAYMENT_NOTICE.toString());
    return run(args.toArray(String[]::new));
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/messages";
  }

  /** Answers like the gateway: a signed receipt for the submitted messageId. */
  private void answer(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    received.add(body);
    contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
    Document envelope = parse(body);
    ReceiptStatus status = answerStatus;
    List<ReceiptFactory.ReceiptError> errors = status == ReceiptStatus.REJECTED
        ? List.of(new ReceiptFactory.ReceiptError(ErrorCode.SEC_005, null)) : List.of();
    byte[] receipt = RECEIPTS.build(new ReceiptFactory.Request(status, OffsetDateTime.now(),
        EnvelopeParts.text(envelope, "Header", "Reference", "messageId"), "BANK",
        EnvelopeParts.text(envelope, "Header", "From", "identity"), errors));
    byte[] answer = tamper.apply(new String(receipt, java.nio.charset.StandardCharsets.UTF_8))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/xml");
    exchange.sendResponseHeaders(status == ReceiptStatus.REJECTED ? 403 : 202, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  private static Document parse(byte[] bytes) {
    return HardenedXmlParser.withDefaults().parse(bytes);
  }
}
