package vn.customs.swg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.swg.cli.CliRun.ACDD;
import static vn.customs.swg.cli.CliRun.ASW_ID;
import static vn.customs.swg.cli.CliRun.ROOT_CA;
import static vn.customs.swg.cli.CliRun.TAX_PAYMENT_NOTICE;
import static vn.customs.swg.cli.CliRun.VCB_KEYSTORE;
import static vn.customs.swg.cli.CliRun.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.receipt.ReceiptFactory;
import vn.customs.swg.receipt.ReceiptStatus;
import vn.customs.swg.signature.SignatureProfile;

/** {@code sign} then {@code verify} with the dev PKI, and what verify refuses. */
class SignAndVerifyTest {

  @TempDir
  Path dir;

  @Test
  void envelopeSignedWithTheVcbKeystoreVerifiesToTheDevRoot() {
    Path signed = dir.resolve("signed.xml");

    CliRun sign = run("sign", "--keystore", VCB_KEYSTORE.toString(), "--password", "changeit",
        "--output", signed.toString(), TAX_PAYMENT_NOTICE.toString());
    CliRun verify = run("verify", "--ca", ROOT_CA.toString(), signed.toString());

    assertThat(sign.exitCode()).as(sign.err()).isZero();
    assertThat(verify.exitCode()).as(verify.out()).isZero();
    assertThat(verify.out()).containsPattern("SenderSignature +OK +CN=Vietcombank NSW Signing,OU=01203001");
  }

  @Test
  void envelopeSignedWithTheAswIdEcPemKeyVerifiesToTheDevRoot() throws IOException {
    Path signed = dir.resolve("signed.xml");

    CliRun sign = run("sign", "--key", ASW_ID.resolve("key.pem").toString(),
        "--cert", ASW_ID.resolve("cert.pem").toString(), "--chain", ASW_ID.resolve("chain.pem").toString(),
        "--output", signed.toString(), ACDD.toString());
    CliRun verify = run("verify", "--ca", ROOT_CA.toString(), signed.toString());

    assertThat(sign.exitCode()).as(sign.err()).isZero();
    assertThat(Files.readString(signed)).contains(SignatureProfile.ECDSA_SHA256);
    assertThat(verify.exitCode()).as(verify.out()).isZero();
    assertThat(verify.out()).containsPattern("SenderSignature +OK +CN=INSW ASW Signing,OU=ID");
  }

  @Test
  void signWritesTheSignedEnvelopeToStandardOutput() {
    CliRun sign = run("sign", "--keystore", VCB_KEYSTORE.toString(), "--password", "changeit",
        TAX_PAYMENT_NOTICE.toString());

    assertThat(sign.exitCode()).isZero();
    assertThat(sign.out()).contains("<swg:SenderSignature>").contains("Id=\"sender-signature\"");
    assertThat(sign.out()).doesNotContain("PRIVATE KEY").doesNotContain("changeit");
  }

  @Test
  void verifyFailsOnATamperedBody() throws IOException {
    Path signed = signedVcbEnvelope();
    Files.writeString(signed, Files.readString(signed).replace("125000000", "125000001"));

    CliRun verify = run("verify", "--ca", ROOT_CA.toString(), signed.toString());

    assertThat(verify.exitCode()).isEqualTo(1);
    assertThat(verify.out()).containsPattern("SenderSignature +FAILED").contains("SWG-SEC-002");
  }

  @Test
  void verifyFailsWhenTheSignerIsNotUnderTheGivenCa() {
    Path signed = signedVcbEnvelope();

    CliRun verify = run("verify", "--ca", "certs/dev/ca/gov-ca.pem", signed.toString());

    assertThat(verify.exitCode()).isEqualTo(1);
    assertThat(verify.out()).containsPattern("SenderSignature +FAILED +CN=Vietcombank").contains("SWG-SEC-005");
  }

  @Test
  void verifyFailsOnAnEnvelopeWithoutSignature() {
    CliRun verify = run("verify", "--ca", ROOT_CA.toString(), TAX_PAYMENT_NOTICE.toString());

    assertThat(verify.exitCode()).isEqualTo(1);
    assertThat(verify.out()).contains("no SenderSignature or SystemSignature");
  }

  @Test
  void verifyChecksBothSignaturesOfAnEnvelopeTheGatewayForwarded() throws IOException {
    Path forwarded = forwardedByTheGateway(signedVcbEnvelope());

    CliRun verify = run("verify", "--ca", ROOT_CA.toString(), forwarded.toString());

    assertThat(verify.exitCode()).as(verify.out()).isZero();
    assertThat(verify.out()).containsPattern("SenderSignature +OK +CN=Vietcombank")
        .containsPattern("SystemSignature +OK +CN=SWG Dev Gateway,OU=Vietnam Customs");
  }

  @Test
  void verifyFailsOnlyTheSystemSignatureWhenRoutingIsTampered() throws IOException {
    Path forwarded = forwardedByTheGateway(signedVcbEnvelope());
    Files.writeString(forwarded, Files.readString(forwarded).replace("customs.payments.in", "customs.licensing.in"));

    CliRun verify = run("verify", "--ca", ROOT_CA.toString(), forwarded.toString());

    assertThat(verify.exitCode()).isEqualTo(1);
    assertThat(verify.out()).containsPattern("SenderSignature +OK").containsPattern("SystemSignature +FAILED")
        .contains("#routing");
  }

  @Test
  void verifyPrintsAReceiptsStatusAndErrorsWithEnglishText() throws IOException {
    ReceiptFactory receipts = new ReceiptFactory(CliRun.devGateway(), Clock.system(ZoneOffset.ofHours(7)), "TCHQ");
    Path receipt = Files.write(dir.resolve("receipt.xml"), receipts.build(new ReceiptFactory.Request(
        ReceiptStatus.REJECTED, OffsetDateTime.now(), "01203001F04F73C2E95143E0B0310AC67548E021", "BANK", "01203001",
        List.of(new ReceiptFactory.ReceiptError(ErrorCode.ENV_006, null)))));

    CliRun verify = run("verify", "--ca", ROOT_CA.toString(), receipt.toString());

    assertThat(verify.exitCode()).as(verify.out()).isZero();
    assertThat(verify.out()).containsPattern("SystemSignature +OK +CN=SWG Dev Gateway")
        .containsPattern("refToMessageId +01203001F04F73C2E95143E0B0310AC67548E021")
        .containsPattern("status +REJECTED")
        .containsPattern("error +SWG-ENV-006  sentAt is outside the allowed clock skew");
  }

  @Test
  void helpListsTheOptionsOfACommand() {
    CliRun help = run("help", "sign");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--keystore").contains("--key").contains("--fresh").contains("--force");
  }

  @Test
  void freshGivesANewMessageIdAndTheCurrentSentAtInVietnamTime() throws IOException {
    Path signed = dir.resolve("signed.xml");
    Clock clock = Clock.fixed(Instant.parse("2026-11-23T01:02:03.456Z"), ZoneOffset.UTC);

    CliRun sign = CliRun.runAt(clock, "sign", "--keystore", VCB_KEYSTORE.toString(), "--password", "changeit",
        "--fresh", "--output", signed.toString(), TAX_PAYMENT_NOTICE.toString());

    assertThat(sign.exitCode()).as(sign.err()).isZero();
    Document before = parse(TAX_PAYMENT_NOTICE);
    Document after = parse(signed);
    String messageId = EnvelopeParts.text(after, "Header", "Reference", "messageId");
    assertThat(messageId).matches("01203001[0-9A-F]{32}")
        .isNotEqualTo(EnvelopeParts.text(before, "Header", "Reference", "messageId"));
    assertThat(EnvelopeParts.text(after, "Header", "Reference", "sentAt")).isEqualTo("2026-11-23T08:02:03+07:00");
    assertThat(sign.out()).contains(messageId);
    assertThat(run("verify", "--ca", ROOT_CA.toString(), signed.toString()).exitCode()).isZero();
  }

  @Test
  void freshGivesEverySigningItsOwnMessageId() {
    CliRun first = run("sign", "--keystore", VCB_KEYSTORE.toString(), "--password", "changeit", "--fresh",
        TAX_PAYMENT_NOTICE.toString());
    CliRun second = run("sign", "--keystore", VCB_KEYSTORE.toString(), "--password", "changeit", "--fresh",
        TAX_PAYMENT_NOTICE.toString());

    assertThat(messageIdOf(first.out())).isNotEqualTo(messageIdOf(second.out()));
  }

  @Test
  void refusesToSignAnAlreadySignedEnvelopeWithoutForce() {
    Path signed = signedVcbEnvelope();

    CliRun again = run("sign", "--keystore", VCB_KEYSTORE.toString(), "--password", "changeit", signed.toString());

    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("already has a SenderSignature").contains("--force");
    assertThat(again.out()).isEmpty();
  }

  @Test
  void forceReplacesTheSenderSignature() throws IOException {
    Path signed = signedVcbEnvelope();
    Path resigned = dir.resolve("resigned.xml");

    CliRun again = run("sign", "--key", ASW_ID.resolve("key.pem").toString(),
        "--cert", ASW_ID.resolve("cert.pem").toString(), "--chain", ASW_ID.resolve("chain.pem").toString(),
        "--force", "--output", resigned.toString(), signed.toString());
    CliRun verify = run("verify", "--ca", ROOT_CA.toString(), resigned.toString());

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(parse(resigned).getElementsByTagNameNS(EnvelopeParts.NS, "SenderSignature").getLength()).isEqualTo(1);
    assertThat(verify.out()).containsPattern("SenderSignature +OK +CN=INSW ASW Signing");
  }

  @Test
  void refusesAKeyThatDoesNotMatchTheCertificate() {
    CliRun sign = run("sign", "--key", ASW_ID.resolve("key.pem").toString(),
        "--cert", "certs/dev/partners/vcb/cert.pem", TAX_PAYMENT_NOTICE.toString());

    assertThat(sign.exitCode()).isEqualTo(2);
    assertThat(sign.err()).contains("does not belong to the certificate");
  }

  @Test
  void aWrongPasswordIsAnErrorThatDoesNotEchoThePassword() {
    CliRun sign = run("sign", "--keystore", VCB_KEYSTORE.toString(), "--password", "s3cret-guess",
        TAX_PAYMENT_NOTICE.toString());

    assertThat(sign.exitCode()).isEqualTo(2);
    assertThat(sign.err()).contains("cannot open keystore").doesNotContain("s3cret-guess");
    assertThat(sign.out()).isEmpty();
  }

  @Test
  void keystoreAndPemOptionsAreExclusive() {
    CliRun sign = run("sign", "--keystore", VCB_KEYSTORE.toString(), "--password", "changeit",
        "--key", ASW_ID.resolve("key.pem").toString(), "--cert", ASW_ID.resolve("cert.pem").toString(),
        TAX_PAYMENT_NOTICE.toString());

    assertThat(sign.exitCode()).isEqualTo(2);
    assertThat(sign.err()).contains("mutually exclusive");
  }

  @Test
  void noCommandPrintsUsageAndExitsTwo() {
    CliRun none = run();

    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("sign").contains("verify").contains("send");
  }

  private Path signedVcbEnvelope() {
    Path signed = dir.resolve("signed-" + System.nanoTime() + ".xml");
    CliRun sign = run("sign", "--keystore", VCB_KEYSTORE.toString(), "--password", "changeit",
        "--output", signed.toString(), TAX_PAYMENT_NOTICE.toString());
    assertThat(sign.exitCode()).as(sign.err()).isZero();
    return signed;
  }

  /** Adds a Routing block and the dev gateway's system signature, as the gateway's counter-signing step does. */
  private Path forwardedByTheGateway(Path signed) throws IOException {
    Document envelope = parse(signed);
    Element root = envelope.getDocumentElement();
    Element routing = envelope.createElementNS(EnvelopeParts.NS, "swg:Routing");
    routing.setAttributeNS(null, "Id", "routing");
    for (String[] field : new String[][] {{"gatewayId", "swg-node-1"}, {"receivedAt", "2026-11-22T23:41:07.412+07:00"},
        {"channel", "HTTP"}, {"partner", "vcb"}, {"destination", "customs.payments.in"}}) {
      Element element = envelope.createElementNS(EnvelopeParts.NS, "swg:" + field[0]);
      element.setTextContent(field[1]);
      routing.appendChild(element);
    }
    root.insertBefore(routing, EnvelopeParts.find(envelope, "Signatures"));
    CliRun.devGateway().signAsGateway(envelope);
    Path forwarded = dir.resolve("forwarded.xml");
    Files.write(forwarded, XmlOutput.toBytes(envelope));
    return forwarded;
  }

  private static Document parse(Path file) throws IOException {
    return HardenedXmlParser.withDefaults().parse(Files.readAllBytes(file));
  }

  private static String messageIdOf(String xml) {
    Document document = HardenedXmlParser.withDefaults().parse(xml.getBytes(StandardCharsets.UTF_8));
    return EnvelopeParts.text(document, "Header", "Reference", "messageId");
  }
}
