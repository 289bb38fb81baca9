package vn.customs.swg.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.customs.swg.signature.TestEnvelopes.DS;
import static vn.customs.swg.signature.TestEnvelopes.SWG;
import static vn.customs.swg.signature.TestEnvelopes.addRouting;
import static vn.customs.swg.signature.TestEnvelopes.first;
import static vn.customs.swg.signature.TestEnvelopes.reparse;
import static vn.customs.swg.signature.TestEnvelopes.root;
import static vn.customs.swg.signature.TestEnvelopes.senderSignature;
import static vn.customs.swg.signature.TestEnvelopes.signedBy;
import static vn.customs.swg.signature.TestEnvelopes.unsigned;
import static vn.customs.swg.signature.TestPki.GATEWAY;
import static vn.customs.swg.signature.TestPki.RSA_SIGNER;

import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.apache.xml.security.signature.XMLSignature;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The gateway's system signature, and that it leaves the sender's signature valid. */
class MessageSignerTest {

  private final MessageSigner gateway = new MessageSigner(GATEWAY.privateKey(),
      List.of(GATEWAY.certificate(), TestPki.INTERMEDIATE.certificate(), TestPki.ROOT.certificate()));
  private final SenderSignatureVerifier verifier = new SenderSignatureVerifier(new SignatureProfile());

  @Test
  void systemSignatureReferencesHeaderBodyRoutingAndSenderSignature() {
    Document envelope = signedBy(RSA_SIGNER);
    addRouting(envelope);

    gateway.signAsGateway(envelope);

    assertThat(referenceUris(systemSignature(envelope)))
        .containsExactly("#header", "#body", "#routing", "#sender-signature");
    assertThat(systemSignature(envelope).getAttribute("Id")).isEqualTo("system-signature");
  }

  @Test
  void systemSignatureVerifiesAfterSerialisation() throws Exception {
    Document envelope = signedBy(RSA_SIGNER);
    addRouting(envelope);
    gateway.signAsGateway(envelope);

    assertThat(systemSignatureValid(reparse(envelope), GATEWAY.certificate())).isTrue();
  }

  @Test
  void senderSignatureStaysValidUnderTheSystemSignature() {
    Document envelope = signedBy(RSA_SIGNER);
    addRouting(envelope);
    gateway.signAsGateway(envelope);
    Document received = reparse(envelope);

    // A partner never sends a SystemSignature, so the verifier refuses one (SEC-003); without
    // it, the sender's bytes are exactly as signed.
    Element signatures = EnvelopeXml.onlyChild(root(received), SWG, "Signatures");
    signatures.removeChild(EnvelopeXml.onlyChild(signatures, SWG, "SystemSignature"));
    assertThat(verifier.verify(received, false).signingCertificate()).isEqualTo(RSA_SIGNER.certificate());
  }

  @Test
  void tamperedRoutingBreaksOnlyTheSystemSignature() throws Exception {
    Document envelope = signedBy(RSA_SIGNER);
    addRouting(envelope);
    gateway.signAsGateway(envelope);
    Document received = reparse(envelope);
    first(received, SWG, "destination").setTextContent("customs.licensing.in");

    assertThat(systemSignatureValid(received, GATEWAY.certificate())).isFalse();
  }

  @Test
  void tamperedSenderSignatureBreaksTheSystemSignature() throws Exception {
    Document envelope = signedBy(RSA_SIGNER);
    gateway.signAsGateway(envelope);
    Document received = reparse(envelope);
    // KeyInfo is outside what the sender signed, but inside what the gateway signed.
    Element keyName = received.createElementNS(DS, "ds:KeyName");
    keyName.setTextContent("swapped");
    first(received, DS, "KeyInfo").appendChild(keyName);

    assertThat(systemSignatureValid(received, GATEWAY.certificate())).isFalse();
  }

  @Test
  void givesAnIdToASenderSignatureWithoutOne() throws Exception {
    Document envelope = signedBy(RSA_SIGNER);
    senderSignature(envelope).removeAttribute("Id");

    gateway.signAsGateway(envelope);

    assertThat(senderSignature(envelope).getAttribute("Id")).isEqualTo("sender-signature");
    assertThat(systemSignatureValid(reparse(envelope), GATEWAY.certificate())).isTrue();
  }

  @Test
  void keepsTheSenderSignatureIdItHas() {
    Document envelope = signedBy(RSA_SIGNER);
    senderSignature(envelope).setAttribute("Id", "bank-signature-1");

    gateway.signAsGateway(envelope);

    assertThat(referenceUris(systemSignature(envelope))).contains("#bank-signature-1");
  }

  @Test
  void signsBackEndMessageWithoutSenderSignatureOrRouting() throws Exception {
    Document envelope = unsigned();

    gateway.signAsGateway(envelope);

    assertThat(referenceUris(systemSignature(envelope))).containsExactly("#header", "#body");
    assertThat(systemSignatureValid(reparse(envelope), GATEWAY.certificate())).isTrue();
  }

  @Test
  void keepsSenderSignatureBeforeSystemSignature() {
    Document envelope = signedBy(RSA_SIGNER);

    gateway.signAsGateway(envelope);

    Element signatures = EnvelopeXml.onlyChild(root(envelope), SWG, "Signatures");
    assertThat(EnvelopeXml.childElements(signatures)).extracting(Element::getLocalName)
        .containsExactly("SenderSignature", "SystemSignature");
  }

  @Test
  void keyInfoCarriesLeafAndIntermediateButNotTheRoot() {
    Document envelope = unsigned();

    gateway.signAsGateway(envelope);

    List<String> certificates = EnvelopeXml.children(first(envelope, DS, "X509Data"), DS, "X509Certificate")
        .stream().map(element -> element.getTextContent().replaceAll("\\s", "")).toList();
    assertThat(certificates).containsExactly(base64(GATEWAY.certificate()), base64(TestPki.INTERMEDIATE.certificate()));
  }

  @Test
  void usesEcdsaSha256ForAnEcGatewayKey() throws Exception {
    TestPki.Issued ecGateway = TestPki.leaf("swg-node-ec", TestPki.ec("secp256r1"));
    Document envelope = signedBy(RSA_SIGNER);

    new MessageSigner(ecGateway.privateKey(), TestPki.chainOf(ecGateway)).signAsGateway(envelope);

    Element method = (Element) systemSignature(envelope).getElementsByTagNameNS(DS, "SignatureMethod").item(0);
    assertThat(method.getAttribute("Algorithm")).isEqualTo(SignatureProfile.ECDSA_SHA256);
    assertThat(systemSignatureValid(reparse(envelope), ecGateway.certificate())).isTrue();
  }

  @Test
  void signsRoutingBuiltWithoutNamespaceDeclarations() throws Exception {
    Document envelope = signedBy(RSA_SIGNER);
    Element routing = envelope.createElementNS(SWG, "r:Routing");
    routing.setAttribute("Id", "routing");
    Element gatewayId = envelope.createElementNS(SWG, "r:gatewayId");
    gatewayId.setTextContent("swg-node-1");
    routing.appendChild(gatewayId);
    root(envelope).insertBefore(routing, EnvelopeXml.onlyChild(root(envelope), SWG, "Signatures"));

    gateway.signAsGateway(envelope);

    assertThat(systemSignatureValid(reparse(envelope), GATEWAY.certificate())).isTrue();
  }

  @Test
  void refusesASecondSystemSignature() {
    Document envelope = unsigned();
    gateway.signAsGateway(envelope);

    assertThatThrownBy(() -> gateway.signAsGateway(envelope)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesAGatewayKeyOutsideTheProfile() {
    TestPki.Issued weak = TestPki.leaf("weak-gateway", TestPki.rsa(1024));

    assertThatThrownBy(() -> new MessageSigner(weak.privateKey(), List.of(weak.certificate())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024");
  }

  @Test
  void refusesAChainThatIsNotForTheKey() {
    TestPki.Issued ec = TestPki.leaf("ec", TestPki.ec("secp256r1"));

    assertThatThrownBy(() -> new MessageSigner(GATEWAY.privateKey(), List.of(ec.certificate())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static Element systemSignature(Document envelope) {
    Element signatures = EnvelopeXml.onlyChild(root(envelope), SWG, "Signatures");
    return EnvelopeXml.onlyChild(EnvelopeXml.onlyChild(signatures, SWG, "SystemSignature"), DS, "Signature");
  }

  /**
   * Checks the system signature the way an ordinary XMLDSig consumer would: Id attributes
   * declared for Header, Body, Routing and ds:Signature (like xmlsec1's --id-attr), Santuario's
   * default resolvers, not the gateway's pinned one.
   */
  static boolean systemSignatureValid(Document envelope, X509Certificate certificate) throws Exception {
    XmlSecurity.ensureInitialised();
    for (Element element : EnvelopeXml.allElements(envelope)) {
      boolean envelopePart = SWG.equals(element.getNamespaceURI())
          && List.of("Header", "Body", "Routing").contains(element.getLocalName());
      if ((envelopePart || EnvelopeXml.is(element, DS, "Signature")) && element.hasAttribute("Id")) {
        element.setIdAttributeNS(null, "Id", true);
      }
    }
    return new XMLSignature(systemSignature(envelope), "", true).checkSignatureValue(certificate);
  }

  private static List<String> referenceUris(Element signature) {
    Element signedInfo = EnvelopeXml.onlyChild(signature, DS, "SignedInfo");
    return EnvelopeXml.children(signedInfo, DS, "Reference").stream().map(r -> r.getAttribute("URI")).toList();
  }

  private static String base64(X509Certificate certificate) {
    try {
      return Base64.getEncoder().encodeToString(certificate.getEncoded());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
