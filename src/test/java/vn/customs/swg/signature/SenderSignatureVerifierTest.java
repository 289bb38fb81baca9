package vn.customs.swg.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.swg.signature.TestEnvelopes.DS;
import static vn.customs.swg.signature.TestEnvelopes.body;
import static vn.customs.swg.signature.TestEnvelopes.ds;
import static vn.customs.swg.signature.TestEnvelopes.first;
import static vn.customs.swg.signature.TestEnvelopes.header;
import static vn.customs.swg.signature.TestEnvelopes.reference;
import static vn.customs.swg.signature.TestEnvelopes.rejectionOf;
import static vn.customs.swg.signature.TestEnvelopes.reparse;
import static vn.customs.swg.signature.TestEnvelopes.root;
import static vn.customs.swg.signature.TestEnvelopes.senderSignature;
import static vn.customs.swg.signature.TestEnvelopes.signedBy;
import static vn.customs.swg.signature.TestEnvelopes.signedWith;
import static vn.customs.swg.signature.TestEnvelopes.swg;
import static vn.customs.swg.signature.TestEnvelopes.unsigned;
import static vn.customs.swg.signature.TestPki.RSA_SIGNER;
import static vn.customs.swg.signature.TestPki.chainOf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.xml.security.keys.content.KeyValue;
import org.apache.xml.security.signature.ObjectContainer;
import org.apache.xml.security.signature.SignatureProperties;
import org.apache.xml.security.signature.SignatureProperty;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.keys.content.X509Data;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.customs.swg.ErrorCode;

/** The sender signature verdicts other than wrapping (see {@link WrappingAttackTest}). */
class SenderSignatureVerifierTest {

  private static final TestPki.Issued EC_P256_SIGNER = TestPki.leaf("ec-p256", TestPki.ec("secp256r1"));
  private static final TestPki.Issued EC_P384_SIGNER = TestPki.leaf("ec-p384", TestPki.ec("secp384r1"));

  private final SenderSignatureVerifier verifier = new SenderSignatureVerifier(new SignatureProfile());

  @Nested
  class Accepts {

    @Test
    void acceptsRsaSha256SignatureAndNamesTheSigner() {
      VerifiedSignature verified = verifier.verify(signedBy(RSA_SIGNER), false);

      assertThat(verified.signingCertificate()).isEqualTo(RSA_SIGNER.certificate());
      assertThat(verified.presentedCertificates())
          .containsExactly(RSA_SIGNER.certificate(), TestPki.INTERMEDIATE.certificate());
      assertThat(verified.signatureMethodUri()).isEqualTo(SignatureProfile.RSA_SHA256);
      assertThat(verified.signatureElement().getAttribute("Id")).isEqualTo("sender-signature");
    }

    @Test
    void acceptsEcdsaP256Signature() {
      VerifiedSignature verified = verifier.verify(signedBy(EC_P256_SIGNER), false);

      assertThat(verified.signingCertificate()).isEqualTo(EC_P256_SIGNER.certificate());
      assertThat(verified.signatureMethodUri()).isEqualTo(SignatureProfile.ECDSA_SHA256);
    }

    @Test
    void acceptsEcdsaP384SignatureWithSha384() {
      Document envelope = signedWith(new SenderSigner(SignatureProfile.ECDSA_SHA384, SignatureProfile.SHA384),
          EC_P384_SIGNER, chainOf(EC_P384_SIGNER));

      assertThat(verifier.verify(envelope, false).signatureMethodUri()).isEqualTo(SignatureProfile.ECDSA_SHA384);
    }

    @Test
    void acceptsRsaPssSha256Signature() {
      Document envelope = signedWith(new SenderSigner(SignatureProfile.RSA_PSS_SHA256, SignatureProfile.SHA256),
          RSA_SIGNER, chainOf(RSA_SIGNER));

      assertThat(verifier.verify(envelope, false).signatureMethodUri()).isEqualTo(SignatureProfile.RSA_PSS_SHA256);
    }

    @Test
    void acceptsRsaSha512WithSha512Digests() {
      Document envelope = signedWith(new SenderSigner(SignatureProfile.RSA_SHA512, SignatureProfile.SHA512),
          RSA_SIGNER, chainOf(RSA_SIGNER));

      assertThat(verifier.verify(envelope, false).signingCertificate()).isEqualTo(RSA_SIGNER.certificate());
    }

    @Test
    void acceptsSignerCertificateAloneWithoutChain() {
      Document envelope = signedWith(new SenderSigner(), RSA_SIGNER, List.of(RSA_SIGNER.certificate()));

      assertThat(verifier.verify(envelope, false).presentedCertificates()).containsExactly(RSA_SIGNER.certificate());
    }

    @Test
    void acceptsChainListedBeforeTheSigner() {
      Document envelope = signedWith(new SenderSigner(), RSA_SIGNER,
          List.of(TestPki.INTERMEDIATE.certificate(), RSA_SIGNER.certificate()));

      assertThat(verifier.verify(envelope, false).presentedCertificates())
          .containsExactly(RSA_SIGNER.certificate(), TestPki.INTERMEDIATE.certificate());
    }

    @Test
    void acceptsSigningTimePropertyAsThirdReference() throws Exception {
      assertThat(verifier.verify(signedWithSigningTime(), false).signingCertificate())
          .isEqualTo(RSA_SIGNER.certificate());
    }

    @Test
    void acceptsSha1SignatureForLegacyPartner() {
      Document envelope = signedWith(new SenderSigner(SignatureProfile.RSA_SHA1, SignatureProfile.SHA1),
          RSA_SIGNER, chainOf(RSA_SIGNER));

      assertThat(verifier.verify(envelope, true).signatureMethodUri()).isEqualTo(SignatureProfile.RSA_SHA1);
    }

    @Test
    void acceptsCommentsAddedToBodyBecauseCommentsAreNeverSigned() {
      Document envelope = signedBy(RSA_SIGNER);
      body(envelope).appendChild(envelope.createComment("added in transit"));

      assertThat(verifier.verify(reparse(envelope), false)).isNotNull();
    }
  }

  @Nested
  class Sec001 {

    @Test
    void rejectsEnvelopeWithoutSignatures() {
      assertThat(rejectionOf(verifier, unsigned(), false)).isEqualTo(ErrorCode.SEC_001);
    }

    @Test
    void rejectsEmptySenderSignature() {
      Document envelope = unsigned();
      Element signatures = swg(envelope, "Signatures");
      signatures.appendChild(swg(envelope, "SenderSignature"));
      root(envelope).appendChild(signatures);

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_001);
    }

    @Test
    void rejectsSignatureInTheWrongPlace() {
      Document envelope = signedBy(RSA_SIGNER);
      Element signature = senderSignature(envelope);
      root(envelope).appendChild(signature);

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_001);
    }
  }

  @Nested
  class Sec002 {

    @Test
    void rejectsTamperedBody() {
      Document envelope = signedBy(RSA_SIGNER);
      first(envelope, "urn:vn:customs:swg:test:payment", "amount").setTextContent("1");

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_002);
    }

    @Test
    void rejectsTamperedHeader() {
      Document envelope = signedBy(RSA_SIGNER);
      first(envelope, TestEnvelopes.SWG, "identity").setTextContent("01202001");

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_002);
    }

    @Test
    void rejectsAttributeAddedToBody() {
      Document envelope = signedBy(EC_P256_SIGNER);
      first(envelope, "urn:vn:customs:swg:test:payment", "amount").setAttribute("currency", "USD");

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_002);
    }

    @Test
    void rejectsTamperedSignatureValue() {
      Document envelope = signedBy(RSA_SIGNER);
      Element value = first(envelope, DS, "SignatureValue");
      String base64 = value.getTextContent().strip();
      value.setTextContent((base64.charAt(0) == 'A' ? "B" : "A") + base64.substring(1));

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_002);
    }

    @Test
    void rejectsTamperedDigestValue() {
      Document envelope = signedBy(RSA_SIGNER);
      first(envelope, DS, "DigestValue").setTextContent("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_002);
    }

    @Test
    void rejectsSignatureCheckedAgainstAnotherCertificate() throws Exception {
      Document envelope = signedBy(RSA_SIGNER);
      first(envelope, DS, "X509Certificate").setTextContent(
          java.util.Base64.getEncoder().encodeToString(TestPki.OTHER_RSA_SIGNER.certificate().getEncoded()));

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_002);
    }

    @Test
    void rejectsGarbageSignatureValue() {
      Document envelope = signedBy(EC_P256_SIGNER);
      first(envelope, DS, "SignatureValue").setTextContent("not base64 at all!");

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_002);
    }
  }

  @Nested
  class Sec004 {

    @Test
    void rejectsSha1Signature() {
      Document envelope = signedWith(new SenderSigner(SignatureProfile.RSA_SHA1, SignatureProfile.SHA1),
          RSA_SIGNER, chainOf(RSA_SIGNER));

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_004);
    }

    @Test
    void rejectsSha1DigestUnderSha256Signature() {
      Document envelope = signedWith(new SenderSigner(SignatureProfile.RSA_SHA256, SignatureProfile.SHA1),
          RSA_SIGNER, chainOf(RSA_SIGNER));

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_004);
    }

    @Test
    void rejectsEcdsaSha1EvenForLegacyPartner() {
      Document envelope = signedBy(EC_P256_SIGNER);
      first(envelope, DS, "SignatureMethod").setAttribute("Algorithm", XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA1);

      assertThat(rejectionOf(verifier, envelope, true)).isEqualTo(ErrorCode.SEC_004);
    }

    @Test
    void rejectsRsa1024Key() {
      TestPki.Issued weak = TestPki.leaf("rsa-1024", TestPki.rsa(1024));

      assertThat(rejectionOf(verifier, signedBy(weak), false)).isEqualTo(ErrorCode.SEC_004);
    }

    @Test
    void rejectsEcKeyOnP521() {
      TestPki.Issued p521 = TestPki.leaf("ec-p521", TestPki.ec("secp521r1"));

      assertThat(rejectionOf(verifier, signedBy(p521), false)).isEqualTo(ErrorCode.SEC_004);
    }

    @Test
    void rejectsRsaMethodClaimedForEcKey() {
      Document envelope = signedBy(EC_P256_SIGNER);
      first(envelope, DS, "SignatureMethod").setAttribute("Algorithm", SignatureProfile.RSA_SHA256);

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_004);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        XMLSignature.ALGO_ID_MAC_HMAC_SHA1,
        XMLSignature.ALGO_ID_MAC_HMAC_SHA256,
        XMLSignature.ALGO_ID_SIGNATURE_DSA,
        XMLSignature.ALGO_ID_SIGNATURE_DSA_SHA256,
        XMLSignature.ALGO_ID_SIGNATURE_NOT_RECOMMENDED_RSA_MD5,
        XMLSignature.ALGO_ID_SIGNATURE_RSA_PSS,
        XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA224,
        XMLSignature.ALGO_ID_SIGNATURE_EDDSA_ED25519,
        "",
    })
    void rejectsSignatureMethodOutsideProfile(String method) {
      Document envelope = signedBy(RSA_SIGNER);
      first(envelope, DS, "SignatureMethod").setAttribute("Algorithm", method);

      assertThat(rejectionOf(verifier, envelope, true)).isEqualTo(ErrorCode.SEC_004);
    }

    @Test
    void rejectsTruncatedHmacOutputLength() {
      Document envelope = signedBy(RSA_SIGNER);
      Element method = first(envelope, DS, "SignatureMethod");
      method.setAttribute("Algorithm", XMLSignature.ALGO_ID_MAC_HMAC_SHA256);
      Element length = ds(envelope, "HMACOutputLength");
      length.setTextContent("8");
      method.appendChild(length);

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_004);
    }

    @Test
    void rejectsParametersUnderAnAllowedSignatureMethod() {
      Document envelope = signedBy(RSA_SIGNER);
      Element length = ds(envelope, "HMACOutputLength");
      length.setTextContent("8");
      first(envelope, DS, "SignatureMethod").appendChild(length);

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_004);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://www.w3.org/2001/04/xmldsig-more#md5",
        "http://www.w3.org/2001/04/xmldsig-more#sha224",
        "http://www.w3.org/2001/04/xmlenc#ripemd160",
        "http://www.w3.org/2007/05/xmldsig-more#sha3-256",
    })
    void rejectsDigestOutsideProfile(String digest) {
      Document envelope = signedBy(RSA_SIGNER);
      first(envelope, DS, "DigestMethod").setAttribute("Algorithm", digest);

      assertThat(rejectionOf(verifier, envelope, true)).isEqualTo(ErrorCode.SEC_004);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://www.w3.org/TR/1999/REC-xslt-19991116",
        "http://www.w3.org/TR/1999/REC-xpath-19991116",
        "http://www.w3.org/2002/06/xmldsig-filter2",
        "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
        "http://www.w3.org/2000/09/xmldsig#base64",
        "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
        "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
    })
    void rejectsReferenceTransformOutsideProfile(String transform) {
      Document envelope = signedBy(RSA_SIGNER);
      first(envelope, DS, "Transform").setAttribute("Algorithm", transform);

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_004);
    }

    @Test
    void rejectsXPathExpressionHiddenUnderExclusiveC14n() {
      Document envelope = signedBy(RSA_SIGNER);
      Element xpath = ds(envelope, "XPath");
      xpath.setTextContent("not(ancestor-or-self::*)");
      first(envelope, DS, "Transform").appendChild(xpath);

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_004);
    }

    @Test
    void rejectsSecondTransform() {
      Document envelope = signedBy(RSA_SIGNER);
      Element transform = first(envelope, DS, "Transform");
      transform.getParentNode().appendChild(transform.cloneNode(true));

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_004);
    }

    @Test
    void rejectsReferenceWithoutTransforms() {
      Document envelope = signedBy(RSA_SIGNER);
      Element transforms = first(envelope, DS, "Transforms");
      transforms.getParentNode().removeChild(transforms);

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_004);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
        "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
        "http://www.w3.org/2006/12/xml-c14n11#WithComments",
        "http://www.w3.org/TR/1999/REC-xslt-19991116",
    })
    void rejectsSignedInfoCanonicalizationOutsideProfile(String c14n) {
      Document envelope = signedBy(RSA_SIGNER);
      first(envelope, DS, "CanonicalizationMethod").setAttribute("Algorithm", c14n);

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_004);
    }
  }

  @Nested
  class Sec009 {

    @Test
    void rejectsKeyValueOnlySignature() throws Exception {
      Document envelope = signedBy(RSA_SIGNER);
      Element keyInfo = first(envelope, DS, "KeyInfo");
      keyInfo.removeChild(first(envelope, DS, "X509Data"));
      keyInfo.appendChild(new KeyValue(envelope, RSA_SIGNER.certificate().getPublicKey()).getElement());

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_009);
    }

    @Test
    void rejectsKeyValueBesideTheCertificate() throws Exception {
      Document envelope = signedBy(RSA_SIGNER);
      first(envelope, DS, "KeyInfo")
          .appendChild(new KeyValue(envelope, TestPki.OTHER_RSA_SIGNER.certificate().getPublicKey()).getElement());

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_009);
    }

    @Test
    void rejectsMissingKeyInfo() {
      Document envelope = signedBy(RSA_SIGNER);
      Element keyInfo = first(envelope, DS, "KeyInfo");
      keyInfo.getParentNode().removeChild(keyInfo);

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_009);
    }

    @Test
    void rejectsTwoEndEntityCertificates() {
      Document envelope = signedWith(new SenderSigner(), RSA_SIGNER,
          List.of(RSA_SIGNER.certificate(), TestPki.OTHER_RSA_SIGNER.certificate()));

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_009);
    }

    @Test
    void rejectsOnlyCaCertificates() {
      Document envelope = signedWith(new SenderSigner(), RSA_SIGNER, List.of(TestPki.INTERMEDIATE.certificate()));

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_009);
    }

    @Test
    void rejectsUnreadableCertificate() {
      Document envelope = signedBy(RSA_SIGNER);
      first(envelope, DS, "X509Certificate").setTextContent("MIIBAAAA");

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_009);
    }

    @Test
    void rejectsRetrievalMethod() {
      Document envelope = signedBy(RSA_SIGNER);
      Element retrieval = ds(envelope, "RetrievalMethod");
      retrieval.setAttribute("URI", "http://attacker.example/key.der");
      first(envelope, DS, "KeyInfo").appendChild(retrieval);

      assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_009);
    }
  }

  /** A sender signature of the 2025 tax profile: Header, Body and a signed SigningTime property. */
  static Document signedWithSigningTime() throws Exception {
    XmlSecurity.ensureInitialised();
    Document envelope = unsigned();
    Element signatures = swg(envelope, "Signatures");
    Element holder = swg(envelope, "SenderSignature");
    signatures.appendChild(holder);
    root(envelope).appendChild(signatures);

    XMLSignature signature = new XMLSignature(envelope, "", SignatureProfile.RSA_SHA256, SignatureProfile.EXC_C14N);
    holder.appendChild(signature.getElement());
    signature.setId("sender-signature");
    ObjectContainer object = new ObjectContainer(envelope);
    SignatureProperties properties = new SignatureProperties(envelope);
    properties.setId("signing-time");
    SignatureProperty property = new SignatureProperty(envelope, "#sender-signature");
    Element time = envelope.createElementNS("urn:vn:customs:swg:test:signing-time", "st:SigningTime");
    time.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:st", "urn:vn:customs:swg:test:signing-time");
    time.setTextContent("2026-11-22T23:41:07+07:00");
    property.appendChild(time);
    properties.addSignatureProperty(property);
    object.appendChild(properties.getElement());
    signature.appendObject(object);

    Map<String, Element> targets = new LinkedHashMap<>();
    targets.put("#header", header(envelope));
    targets.put("#body", body(envelope));
    targets.put("#signing-time", properties.getElement());
    for (String uri : targets.keySet()) {
      Transforms transforms = new Transforms(envelope);
      transforms.addTransform(SignatureProfile.EXC_C14N);
      signature.addDocument(uri, transforms, SignatureProfile.SHA256);
    }
    X509Data x509Data = new X509Data(envelope);
    x509Data.addCertificate(RSA_SIGNER.certificate());
    signature.getKeyInfo().add(x509Data);
    signature.addResourceResolver(new PinnedReferenceResolver(targets));
    signature.sign(RSA_SIGNER.privateKey());
    return reparse(envelope);
  }

  @Test
  void sameEnvelopeVerifiesTwice() {
    Document envelope = signedBy(RSA_SIGNER);

    verifier.verify(envelope, false);
    assertThat(verifier.verify(envelope, false).signingCertificate()).isEqualTo(RSA_SIGNER.certificate());
  }

  @Test
  void tamperedReferenceAfterGoodVerificationIsStillCaught() {
    Document envelope = signedBy(RSA_SIGNER);
    verifier.verify(envelope, false);
    reference(envelope, 1).setAttribute("URI", "#header");

    assertThat(rejectionOf(verifier, envelope, false)).isEqualTo(ErrorCode.SEC_003);
  }
}
