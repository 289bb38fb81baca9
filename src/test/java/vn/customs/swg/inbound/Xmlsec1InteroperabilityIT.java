package vn.customs.swg.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.signature.SignatureProfile;
import vn.customs.swg.testsupport.BackendQueues;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.EndToEndTest;
import vn.customs.swg.testsupport.GatewayClient;
import vn.customs.swg.testsupport.GatewayClient.Answer;
import vn.customs.swg.testsupport.TestMessages;
import vn.customs.swg.testsupport.Xmlsec1;

/**
 * Interoperability both ways with xmlsec1, an independent implementation: what a partner signs with
 * xmlsec1 (ENVELOPE.md section 2) is accepted, and what the gateway emits (receipt, forwarded
 * envelope with sender and system signatures) verifies with xmlsec1 against the dev root.
 */
@EndToEndTest
class Xmlsec1InteroperabilityIT {

  @LocalServerPort int port;
  @Autowired JmsTemplate jmsTemplate;
  @Autowired EmbeddedActiveMQ broker;
  @TempDir Path work;

  private GatewayClient gateway;
  private BackendQueues queues;

  @BeforeEach
  void setUp() {
    Xmlsec1.requireInstalled();
    gateway = new GatewayClient(port);
    queues = new BackendQueues(jmsTemplate, broker);
    queues.clearAll();
  }

  @Test
  void acceptsEnvelopeSignedByXmlsec1WithADevPartnerKey() throws Exception {
    Document document = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    appendSignatureTemplate(document);
    Path template = work.resolve("template.xml");
    Files.write(template, XmlOutput.toBytes(document));
    Path partner = Path.of("certs/dev/partners/vcb").toAbsolutePath();
    List<String> sign = new ArrayList<>(List.of("--sign", "--privkey-pem",
        partner.resolve("key.pem") + "," + partner.resolve("cert.pem")));
    sign.addAll(List.of("--id-attr:Id", "urn:vn:customs:swg:envelope:1:Header",
        "--id-attr:Id", "urn:vn:customs:swg:envelope:1:Body", "--output", "signed.xml", template.toString()));
    Xmlsec1.Result signed = Xmlsec1.run(work, sign);
    assertThat(signed.exitCode()).as(signed.output()).isZero();

    Answer answer = gateway.submit(Files.readAllBytes(work.resolve("signed.xml")));

    assertThat(answer.receiptStatus()).as(answer.errorCodes().toString()).isEqualTo("ACCEPTED");
    assertThat(queues.count("customs.payments.in")).isEqualTo(1L);
  }

  @Test
  void receiptAndForwardedEnvelopeVerifyWithXmlsec1() throws Exception {
    // asw-id signs with an EC P-256 key; the gateway with RSA: both algorithms cross over.
    Document document = TestMessages.sign(TestMessages.fresh("EFORM_D"), DevPartner.load("asw-id"));
    Answer answer = gateway.submit(XmlOutput.toBytes(document));
    assertThat(answer.receiptStatus()).isEqualTo("ACCEPTED");
    Path receipt = Files.write(work.resolve("receipt.xml"), answer.body());
    String forwarded = BackendQueues.text(queues.receiveAll("customs.asw.in").get(0));
    Path envelope = Files.writeString(work.resolve("forwarded.xml"), forwarded, StandardCharsets.UTF_8);

    assertVerifies(receipt, "system-signature");
    assertVerifies(envelope, "sender-signature");
    assertVerifies(envelope, "system-signature");

    // Control: the same check must fail when the forwarded Routing block is altered.
    Path tampered = Files.writeString(work.resolve("tampered.xml"),
        forwarded.replace("<swg:channel>HTTP</swg:channel>", "<swg:channel>JMS</swg:channel>"), StandardCharsets.UTF_8);
    assertThat(Xmlsec1.verify(work, tampered, "system-signature").exitCode()).isNotZero();
    assertVerifies(tampered, "sender-signature");
  }

  private void assertVerifies(Path file, String signatureId) {
    Xmlsec1.Result result = Xmlsec1.verify(work, file, signatureId);
    assertThat(result.exitCode()).as(signatureId + " of " + file.getFileName() + ": " + result.output()).isZero();
  }

  /** The template of ENVELOPE.md section 2: empty DigestValue, SignatureValue and X509Certificate. */
  private static void appendSignatureTemplate(Document document) {
    String ds = TestMessages.DS;
    Element signatures = document.createElementNS(TestMessages.NS, "swg:Signatures");
    Element slot = document.createElementNS(TestMessages.NS, "swg:SenderSignature");
    Element signature = document.createElementNS(ds, "ds:Signature");
    signature.setAttributeNS(null, "Id", "sender-signature");
    Element signedInfo = add(signature, ds, "SignedInfo");
    add(signedInfo, ds, "CanonicalizationMethod").setAttributeNS(null, "Algorithm", SignatureProfile.EXC_C14N);
    add(signedInfo, ds, "SignatureMethod").setAttributeNS(null, "Algorithm", SignatureProfile.RSA_SHA256);
    for (String uri : List.of("#header", "#body")) {
      Element reference = add(signedInfo, ds, "Reference");
      reference.setAttributeNS(null, "URI", uri);
      add(add(reference, ds, "Transforms"), ds, "Transform").setAttributeNS(null, "Algorithm", SignatureProfile.EXC_C14N);
      add(reference, ds, "DigestMethod").setAttributeNS(null, "Algorithm", SignatureProfile.SHA256);
      add(reference, ds, "DigestValue");
    }
    add(signature, ds, "SignatureValue");
    add(add(add(signature, ds, "KeyInfo"), ds, "X509Data"), ds, "X509Certificate");
    slot.appendChild(signature);
    signatures.appendChild(slot);
    document.getDocumentElement().appendChild(signatures);
  }

  private static Element add(Element parent, String namespace, String localName) {
    Element child = parent.getOwnerDocument().createElementNS(namespace, "ds:" + localName);
    parent.appendChild(child);
    return child;
  }
}
