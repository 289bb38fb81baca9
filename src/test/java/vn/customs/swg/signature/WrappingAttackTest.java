package vn.customs.swg.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.swg.signature.TestEnvelopes.DS;
import static vn.customs.swg.signature.TestEnvelopes.SWG;
import static vn.customs.swg.signature.TestEnvelopes.addRouting;
import static vn.customs.swg.signature.TestEnvelopes.body;
import static vn.customs.swg.signature.TestEnvelopes.ds;
import static vn.customs.swg.signature.TestEnvelopes.first;
import static vn.customs.swg.signature.TestEnvelopes.header;
import static vn.customs.swg.signature.TestEnvelopes.parse;
import static vn.customs.swg.signature.TestEnvelopes.reference;
import static vn.customs.swg.signature.TestEnvelopes.rejectionOf;
import static vn.customs.swg.signature.TestEnvelopes.reparse;
import static vn.customs.swg.signature.TestEnvelopes.root;
import static vn.customs.swg.signature.TestEnvelopes.senderSignature;
import static vn.customs.swg.signature.TestEnvelopes.signedBy;
import static vn.customs.swg.signature.TestEnvelopes.swg;
import static vn.customs.swg.signature.TestEnvelopes.unsigned;
import static vn.customs.swg.signature.TestPki.RSA_SIGNER;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.customs.swg.ErrorCode;

/**
 * XML signature wrapping (Somorovsky et al., USENIX Security 2012; McIntosh and Austel, 2005):
 * the signed Header or Body stays somewhere in the document so its digest still verifies, while
 * the element the gateway would process is the attacker's. Every shape must be refused, and the
 * structural ones with SWG-SEC-003 before any digest is computed (several cases also break a
 * digest, so a SEC-003 verdict proves the order).
 */
class WrappingAttackTest {

  private static final String ATTACKER_BODY = """
      <swg:Body xmlns:swg="urn:vn:customs:swg:envelope:1">
        <pay:TaxPaymentNotice xmlns:pay="urn:vn:customs:swg:test:payment">
          <pay:taxCode>0100101308</pay:taxCode>
          <pay:amount currency="VND">1</pay:amount>
        </pay:TaxPaymentNotice>
      </swg:Body>
      """;

  private final SenderSignatureVerifier verifier = new SenderSignatureVerifier(new SignatureProfile());

  private ErrorCode verdict(Document envelope) {
    return rejectionOf(verifier, reparse(envelope), false);
  }

  /** The attacker's Body, imported, optionally carrying an Id. */
  private static Element attackerBody(Document envelope, String id) {
    Element body = (Element) envelope.importNode(parse(ATTACKER_BODY).getDocumentElement(), true);
    if (id != null) {
      body.setAttribute("Id", id);
    }
    return body;
  }

  private static Element signatures(Document envelope) {
    return EnvelopeXml.onlyChild(root(envelope), SWG, "Signatures");
  }

  @Nested
  class SignedBodyMoved {

    @Test
    void signedBodyMovedIntoHeaderWithAttackerBodyInPlace() {
      Document envelope = signedBy(RSA_SIGNER);
      Element signed = body(envelope);
      header(envelope).appendChild(signed);
      root(envelope).insertBefore(attackerBody(envelope, null), signatures(envelope));

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void signedBodyMovedIntoObjectOfTheSignature() {
      Document envelope = signedBy(RSA_SIGNER);
      Element signed = body(envelope);
      Element object = ds(envelope, "Object");
      object.appendChild(signed);
      senderSignature(envelope).appendChild(object);
      root(envelope).insertBefore(attackerBody(envelope, "attacker"), signatures(envelope));

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void signedBodyMovedIntoObjectAndAttackerBodyWithoutId() {
      Document envelope = signedBy(RSA_SIGNER);
      Element object = ds(envelope, "Object");
      object.appendChild(body(envelope));
      senderSignature(envelope).appendChild(object);
      root(envelope).insertBefore(attackerBody(envelope, null), signatures(envelope));

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void signedBodyKeptAsSiblingAfterAttackerBody() {
      Document envelope = signedBy(RSA_SIGNER);
      root(envelope).insertBefore(attackerBody(envelope, null), body(envelope));

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void attackerBodyAddedAsSiblingAfterSignedBody() {
      Document envelope = signedBy(RSA_SIGNER);
      root(envelope).insertBefore(attackerBody(envelope, null), signatures(envelope));

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void signedBodyMovedIntoAnUnknownExtensionElement() {
      Document envelope = signedBy(RSA_SIGNER);
      Element extension = envelope.createElementNS("urn:attacker", "x:Extension");
      extension.appendChild(body(envelope));
      root(envelope).insertBefore(extension, signatures(envelope));
      root(envelope).insertBefore(attackerBody(envelope, null), extension);

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }
  }

  @Nested
  class IdMoved {

    @Test
    void idMovedToAttackerBodyAndSignedBodyKeptWithDuplicateId() {
      Document envelope = signedBy(RSA_SIGNER);
      Element extension = envelope.createElementNS("urn:attacker", "x:Extension");
      extension.appendChild(body(envelope));
      root(envelope).insertBefore(extension, signatures(envelope));
      root(envelope).insertBefore(attackerBody(envelope, "body"), extension);

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void idMovedToAttackerBodyAndSignedBodyNestedWithoutId() {
      Document envelope = signedBy(RSA_SIGNER);
      Element signed = body(envelope);
      signed.removeAttribute("Id");
      Element attacker = attackerBody(envelope, "body");
      root(envelope).replaceChild(attacker, signed);
      attacker.appendChild(signed);

      // Structurally this is an envelope whose Body is the attacker's: only the digest can tell.
      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_002);
    }

    @Test
    void idMovedToAnotherElementInsideHeader() {
      Document envelope = signedBy(RSA_SIGNER);
      Element signed = body(envelope);
      signed.removeAttribute("Id");
      Element decoy = envelope.createElementNS(SWG, "swg:Note");
      decoy.setAttribute("Id", "body");
      header(envelope).appendChild(decoy);

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void bodyIdChangedToPointReferenceAtHeader() {
      Document envelope = signedBy(RSA_SIGNER);
      reference(envelope, 1).setAttribute("URI", "#header");

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }
  }

  @Nested
  class SecondEnvelope {

    /** The attacker's envelope: own Header (Id h2) and Body (Id b2), the signed envelope inside its Body. */
    private Document attackerEnvelopeAround(Document signed, String headerId, String bodyId, boolean keepNestedSignature) {
      Document attack = unsigned();
      header(attack).setAttribute("Id", headerId);
      body(attack).setAttribute("Id", bodyId);
      Element nested = (Element) attack.importNode(signed.getDocumentElement(), true);
      Element copiedSignature = (Element) attack.importNode(senderSignature(signed), true);
      if (!keepNestedSignature) {
        nested.removeChild(EnvelopeXml.onlyChild(nested, SWG, "Signatures"));
      }
      body(attack).appendChild(nested);
      Element signatures = swg(attack, "Signatures");
      Element holder = swg(attack, "SenderSignature");
      holder.appendChild(copiedSignature);
      signatures.appendChild(holder);
      root(attack).appendChild(signatures);
      return attack;
    }

    @Test
    void signedEnvelopeNestedInAttackerEnvelopeWithItsSignature() {
      Document attack = attackerEnvelopeAround(signedBy(RSA_SIGNER), "h2", "b2", true);

      assertThat(verdict(attack)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void signedEnvelopeNestedWithoutItsSignature() {
      Document attack = attackerEnvelopeAround(signedBy(RSA_SIGNER), "h2", "b2", false);

      assertThat(verdict(attack)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void signedEnvelopeNestedAndAttackerReusesTheIds() {
      Document attack = attackerEnvelopeAround(signedBy(RSA_SIGNER), "header", "body", false);

      assertThat(verdict(attack)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void signedEnvelopeWrappedByAForeignRoot() {
      Document signed = signedBy(RSA_SIGNER);
      Document attack = parse("<x:Wrapper xmlns:x=\"urn:attacker\"/>");
      attack.getDocumentElement().appendChild(attack.importNode(signed.getDocumentElement(), true));

      assertThat(verdict(attack)).isEqualTo(ErrorCode.SEC_001);
    }
  }

  @Nested
  class ReferencesOtherThanHeaderAndBody {

    /** A real, cryptographically valid signature over exactly these ids. */
    private Document signedOver(boolean withRouting, String... ids) {
      Document envelope = unsigned();
      Element signatures = swg(envelope, "Signatures");
      Element holder = swg(envelope, "SenderSignature");
      signatures.appendChild(holder);
      root(envelope).appendChild(signatures);
      if (withRouting) {
        addRouting(envelope);
      }
      Map<String, Element> targets = new LinkedHashMap<>();
      for (String id : ids) {
        targets.put("#" + id, EnvelopeXml.allElements(envelope).stream()
            .filter(element -> id.equals(element.getAttribute("Id"))).findFirst().orElseThrow());
      }
      SignatureWriter.write(holder, targets, SignatureProfile.RSA_SHA256, SignatureProfile.SHA256,
          TestPki.chainOf(RSA_SIGNER), "sender-signature", RSA_SIGNER.privateKey());
      return reparse(envelope);
    }

    @Test
    void rejectsSignatureOverBodyOnly() {
      assertThat(verdict(signedOver(false, "body"))).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void rejectsSignatureOverHeaderOnly() {
      assertThat(verdict(signedOver(false, "header"))).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void rejectsThirdReferenceToRouting() {
      assertThat(verdict(signedOver(true, "header", "body", "routing"))).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void rejectsSignatureOverTheWholeEnvelopeElement() {
      Document envelope = unsigned();
      root(envelope).setAttribute("Id", "envelope");
      Element signatures = swg(envelope, "Signatures");
      Element holder = swg(envelope, "SenderSignature");
      signatures.appendChild(holder);
      root(envelope).appendChild(signatures);
      SignatureWriter.write(holder, Map.of("#envelope", root(envelope)), SignatureProfile.RSA_SHA256,
          SignatureProfile.SHA256, TestPki.chainOf(RSA_SIGNER), "sender-signature", RSA_SIGNER.privateKey());

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void rejectsTwoReferencesToBody() {
      Document envelope = signedBy(RSA_SIGNER);
      reference(envelope, 0).setAttribute("URI", "#body");

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "#xpointer(/)",
        "#xpointer(id('body'))",
        "http://attacker.example/body.xml",
        "file:///etc/passwd",
        "body",
        "#Body",
    })
    void rejectsReferenceUriOtherThanTheBodyId(String uri) {
      Document envelope = signedBy(RSA_SIGNER);
      reference(envelope, 1).setAttribute("URI", uri);

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void rejectsReferenceWithoutUri() {
      Document envelope = signedBy(RSA_SIGNER);
      reference(envelope, 1).removeAttribute("URI");

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void rejectsReferenceTypedAsManifest() {
      Document envelope = signedBy(RSA_SIGNER);
      reference(envelope, 1).setAttribute("Type", "http://www.w3.org/2000/09/xmldsig#Manifest");

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void rejectsHeaderWithoutId() {
      Document envelope = signedBy(RSA_SIGNER);
      header(envelope).removeAttribute("Id");

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void rejectsThirdReferenceToSigningTimeOutsideThisSignature() throws Exception {
      Document envelope = SenderSignatureVerifierTest.signedWithSigningTime();
      Element object = first(envelope, DS, "Object");
      body(envelope).appendChild(object);

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void rejectsSigningTimeObjectCarryingMoreContent() throws Exception {
      Document envelope = SenderSignatureVerifierTest.signedWithSigningTime();
      first(envelope, DS, "SignatureProperty").appendChild(attackerBody(envelope, null));

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void rejectsUnsignedSigningTimeObject() throws Exception {
      Document envelope = SenderSignatureVerifierTest.signedWithSigningTime();
      Element signedInfo = first(envelope, DS, "SignedInfo");
      signedInfo.removeChild(EnvelopeXml.children(signedInfo, DS, "Reference").get(2));

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }
  }

  @Nested
  class DuplicateIds {

    @ParameterizedTest
    @CsvSource({
        ",Id,header",
        ",Id,body",
        ",ID,body",
        ",id,body",
        "http://www.w3.org/XML/1998/namespace,xml:id,body",
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd,wsu:Id,header",
        ",Id,sender-signature",
    })
    void rejectsDuplicateIds(String namespace, String attribute, String value) {
      Document envelope = signedBy(RSA_SIGNER);
      Element decoy = envelope.createElementNS("urn:attacker", "x:Decoy");
      decoy.setAttributeNS(namespace, attribute, value);
      first(envelope, "urn:vn:customs:swg:test:payment", "TaxPaymentNotice").appendChild(decoy);

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void rejectsDuplicateOfAnAttributeAlreadyTypedAsId() {
      Document envelope = signedBy(RSA_SIGNER);
      Element decoy = envelope.createElementNS("urn:attacker", "x:Decoy");
      decoy.setAttributeNS(null, "ref", "body");
      decoy.setIdAttributeNS(null, "ref", true);
      first(envelope, "urn:vn:customs:swg:test:payment", "TaxPaymentNotice").appendChild(decoy);

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_003);
    }
  }

  @Nested
  class ExtraSignatureConstructs {

    @Test
    void rejectsSecondSignatureInsideBody() {
      Document envelope = signedBy(RSA_SIGNER);
      body(envelope).appendChild(senderSignature(envelope).cloneNode(true));

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void rejectsTwoSignaturesInSenderSignature() {
      Document envelope = signedBy(RSA_SIGNER);
      Element signature = senderSignature(envelope);
      Element copy = (Element) signature.cloneNode(true);
      copy.setAttribute("Id", "second");
      signature.getParentNode().appendChild(copy);

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void rejectsManifestAnywhere() {
      Document envelope = signedBy(RSA_SIGNER);
      header(envelope).appendChild(ds(envelope, "Manifest"));

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void rejectsObjectOutsideTheSignature() {
      Document envelope = signedBy(RSA_SIGNER);
      signatures(envelope).appendChild(ds(envelope, "Object"));

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void rejectsObjectWithoutSigningTime() {
      Document envelope = signedBy(RSA_SIGNER);
      Element object = ds(envelope, "Object");
      object.setTextContent("anything");
      senderSignature(envelope).appendChild(object);

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void rejectsSystemSignatureSentByPartner() {
      Document envelope = signedBy(RSA_SIGNER);
      new MessageSigner(TestPki.GATEWAY.privateKey(), TestPki.chainOf(TestPki.GATEWAY)).signAsGateway(envelope);

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void rejectsSignedBodyCopyHiddenBesideTheSignature() {
      Document envelope = signedBy(RSA_SIGNER);
      senderSignature(envelope).getParentNode().appendChild(body(envelope).cloneNode(true));

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }

    @Test
    void rejectsUnknownElementInsideSignature() {
      Document envelope = signedBy(RSA_SIGNER);
      Element signature = senderSignature(envelope);
      signature.insertBefore(attackerBody(envelope, null), signature.getFirstChild());

      assertThat(verdict(envelope)).isEqualTo(ErrorCode.SEC_003);
    }
  }
}
