package vn.customs.swg.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static vn.customs.swg.signature.TestEnvelopes.addRouting;
import static vn.customs.swg.signature.TestEnvelopes.serialize;
import static vn.customs.swg.signature.TestEnvelopes.signedBy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/**
 * Both directions against xmlsec1 (libxmlsec1, an independent C implementation): what xmlsec1
 * signs from the contract's template, our verifier accepts; what our SenderSigner and
 * MessageSigner write, xmlsec1 verifies with certificate-path checking, and a tampered copy it
 * refuses. The xmlsec1 command lines here are the ones the README documents.
 */
class Xmlsec1InteropTest {

  private static final String SWG = "urn:vn:customs:swg:envelope:1";
  /** Declares which attributes are IDs, as a DTD or schema would: xmlsec1 resolves #id only through them. */
  private static final List<String> ID_ATTRIBUTES = List.of(
      "--id-attr:Id", SWG + ":Header",
      "--id-attr:Id", SWG + ":Body",
      "--id-attr:Id", SWG + ":Routing",
      "--id-attr:Id", "http://www.w3.org/2000/09/xmldsig#:Signature");

  @TempDir
  Path dir;

  @BeforeAll
  static void requireXmlsec1() {
    boolean onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(folder -> Path.of(folder, "xmlsec1")).anyMatch(Files::isExecutable);
    if (!onPath) {
      String message = "xmlsec1 is not on the PATH (Debian: apt-get install -y xmlsec1)";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.assumeTrue(false, message);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa", "ec"})
  void envelopeSignedByXmlsec1VerifiesWithOurVerifier(String keyType) throws Exception {
    TestPki.Issued signer = "rsa".equals(keyType) ? TestPki.RSA_SIGNER : TestPki.leaf("ec", TestPki.ec("secp256r1"));
    String method = "rsa".equals(keyType) ? SignatureProfile.RSA_SHA256 : SignatureProfile.ECDSA_SHA256;
    Path template = Files.writeString(dir.resolve("template.xml"), template().replace("${signatureMethod}", method));
    TestPki.writePrivateKeyPem(dir.resolve("key.pem"), signer.privateKey());
    TestPki.writeCertificatePem(dir.resolve("cert.pem"), signer.certificate());

    Result signing = xmlsec1("--sign", "--privkey-pem", "key.pem,cert.pem",
        "--id-attr:Id", SWG + ":Header", "--id-attr:Id", SWG + ":Body",
        "--output", "signed.xml", template.getFileName().toString());

    assertThat(signing.exitCode()).as(signing.output()).isZero();
    Document signed = TestEnvelopes.parse(Files.readString(dir.resolve("signed.xml")));
    VerifiedSignature verified = new SenderSignatureVerifier(new SignatureProfile()).verify(signed, false);
    assertThat(verified.signingCertificate()).isEqualTo(signer.certificate());
  }

  @Test
  void senderAndSystemSignaturesVerifyWithXmlsec1() throws Exception {
    Path signed = writeCounterSignedEnvelope("signed.xml");

    Result sender = verify("sender-signature", signed);
    Result system = verify("system-signature", signed);

    assertThat(sender.exitCode()).as(sender.output()).isZero();
    assertThat(system.exitCode()).as(system.output()).isZero();
  }

  @Test
  void tamperedBodyFailsBothSignaturesInXmlsec1() throws Exception {
    Path signed = writeCounterSignedEnvelope("signed.xml");
    Path tampered = Files.writeString(dir.resolve("tampered.xml"),
        Files.readString(signed).replace(">12500000<", ">1<"));

    assertThat(verify("sender-signature", tampered).exitCode()).isNotZero();
    assertThat(verify("system-signature", tampered).exitCode()).isNotZero();
  }

  @Test
  void tamperedRoutingFailsOnlyTheSystemSignatureInXmlsec1() throws Exception {
    Path signed = writeCounterSignedEnvelope("signed.xml");
    Path tampered = Files.writeString(dir.resolve("tampered.xml"),
        Files.readString(signed).replace(">customs.payments.in<", ">customs.licensing.in<"));

    assertThat(verify("sender-signature", tampered).exitCode()).isZero();
    assertThat(verify("system-signature", tampered).exitCode()).isNotZero();
  }

  @Test
  void ecSenderSignatureVerifiesWithXmlsec1() throws Exception {
    TestPki.Issued ec = TestPki.leaf("ec-sender", TestPki.ec("secp384r1"));
    Path signed = Files.writeString(dir.resolve("ec.xml"), serialize(signedBy(ec)));
    writeTrustFiles();

    Result sender = verify("sender-signature", signed);

    assertThat(sender.exitCode()).as(sender.output()).isZero();
  }

  /** A partner-signed envelope with Routing, counter-signed by the gateway, as the back-end receives it. */
  private Path writeCounterSignedEnvelope(String name) throws IOException {
    Document envelope = signedBy(TestPki.RSA_SIGNER);
    addRouting(envelope);
    new MessageSigner(TestPki.GATEWAY.privateKey(), List.of(TestPki.GATEWAY.certificate(),
        TestPki.INTERMEDIATE.certificate(), TestPki.ROOT.certificate())).signAsGateway(envelope);
    writeTrustFiles();
    return Files.writeString(dir.resolve(name), serialize(envelope));
  }

  private void writeTrustFiles() {
    TestPki.writeCertificatePem(dir.resolve("root.pem"), TestPki.ROOT.certificate());
    TestPki.writeCertificatePem(dir.resolve("intermediate.pem"), TestPki.INTERMEDIATE.certificate());
  }

  /**
   * xmlsec1 --verify --trusted-pem root.pem --untrusted-pem intermediate.pem
   *   --enabled-reference-uris same-doc --id-attr:Id ...(Header, Body, Routing, ds:Signature)
   *   --node-id {sender-signature|system-signature} file.xml
   */
  private Result verify(String signatureId, Path file) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("--verify",
        "--trusted-pem", "root.pem", "--untrusted-pem", "intermediate.pem",
        "--enabled-reference-uris", "same-doc"));
    arguments.addAll(ID_ATTRIBUTES);
    arguments.addAll(List.of("--node-id", signatureId, file.getFileName().toString()));
    return xmlsec1(arguments.toArray(String[]::new));
  }

  private record Result(int exitCode, String output) {}

  private Result xmlsec1(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("xmlsec1"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] output;
    try (InputStream in = process.getInputStream()) {
      output = in.readAllBytes();
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("xmlsec1 did not finish: " + command);
    }
    return new Result(process.exitValue(), String.join(" ", command) + "\n" + new String(output, StandardCharsets.UTF_8));
  }

  private static String template() throws IOException {
    try (InputStream in = Xmlsec1InteropTest.class.getResourceAsStream("/signature/xmlsec1-sender-template.xml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
