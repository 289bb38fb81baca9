package vn.customs.swg.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;

/**
 * Test envelopes: a small TAX_PAYMENT_NOTICE template, a parser configured like the admission
 * step (namespace-aware, DTDs refused) and helpers to sign, serialise, re-parse and find parts.
 */
final class TestEnvelopes {

  static final String SWG = EnvelopeXml.ENVELOPE_NS;
  static final String DS = EnvelopeXml.DS_NS;

  static final String TEMPLATE = """
      <swg:Envelope xmlns:swg="urn:vn:customs:swg:envelope:1" version="1.0">
        <swg:Header Id="header">
          <swg:Reference>
            <swg:messageId>01203001F3C9A0E2B7D44C6E8F9A0B1C2D3E4F5A</swg:messageId>
            <swg:sentAt>2026-11-22T23:41:07+07:00</swg:sentAt>
          </swg:Reference>
          <swg:From><swg:partyType>BANK</swg:partyType><swg:identity>01203001</swg:identity></swg:From>
          <swg:To><swg:partyType>CUSTOMS</swg:partyType><swg:identity>TCHQ</swg:identity></swg:To>
          <swg:Subject>
            <swg:messageType>TAX_PAYMENT_NOTICE</swg:messageType>
            <swg:function>NOTIFY</swg:function>
          </swg:Subject>
        </swg:Header>
        <swg:Body Id="body">
          <pay:TaxPaymentNotice xmlns:pay="urn:vn:customs:swg:test:payment">
            <pay:taxCode>0100101308</pay:taxCode>
            <pay:amount currency="VND">12500000</pay:amount>
          </pay:TaxPaymentNotice>
        </swg:Body>
      </swg:Envelope>
      """;

  static final String ROUTING = """
      <swg:Routing xmlns:swg="urn:vn:customs:swg:envelope:1" Id="routing">
        <swg:gatewayId>swg-node-1</swg:gatewayId>
        <swg:receivedAt>2026-11-22T23:41:07.412+07:00</swg:receivedAt>
        <swg:channel>HTTP</swg:channel>
        <swg:partner>vcb</swg:partner>
        <swg:destination>customs.payments.in</swg:destination>
      </swg:Routing>
      """;

  private TestEnvelopes() {}

  static Document unsigned() {
    return parse(TEMPLATE);
  }

  /** An envelope signed by {@code signer} with the profile defaults, serialised and parsed again. */
  static Document signedBy(TestPki.Issued signer) {
    return signedWith(new SenderSigner(), signer, TestPki.chainOf(signer));
  }

  static Document signedWith(SenderSigner senderSigner, TestPki.Issued signer, List<X509Certificate> chain) {
    Document envelope = unsigned();
    senderSigner.sign(envelope, signer.privateKey(), chain);
    return reparse(envelope);
  }

  /** Serialise and parse again: what a receiver sees, with no DOM ID registrations carried over. */
  static Document reparse(Document document) {
    return parse(serialize(document));
  }

  static Document parse(String xml) {
    try {
      return builder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot parse test XML", e);
    }
  }

  static DocumentBuilder builder() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    DocumentBuilder builder = factory.newDocumentBuilder();
    builder.setErrorHandler(QUIET);
    return builder;
  }

  /** Throws parse errors without printing them to stderr. */
  static final ErrorHandler QUIET = new ErrorHandler() {
    @Override
    public void warning(SAXParseException e) {}

    @Override
    public void error(SAXParseException e) throws SAXParseException {
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXParseException {
      throw e;
    }
  };

  static String serialize(Document document) {
    try {
      Transformer transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      StringWriter out = new StringWriter();
      transformer.transform(new DOMSource(document), new StreamResult(out));
      return out.toString();
    } catch (Exception e) {
      throw new IllegalStateException("cannot serialise test XML", e);
    }
  }

  static Element root(Document document) {
    return document.getDocumentElement();
  }

  /** The first element with this namespace and local name, anywhere. */
  static Element first(Document document, String namespace, String localName) {
    return (Element) document.getElementsByTagNameNS(namespace, localName).item(0);
  }

  static Element header(Document document) {
    return EnvelopeXml.onlyChild(root(document), SWG, "Header");
  }

  static Element body(Document document) {
    return EnvelopeXml.onlyChild(root(document), SWG, "Body");
  }

  static Element senderSignature(Document document) {
    Element signatures = EnvelopeXml.onlyChild(root(document), SWG, "Signatures");
    return EnvelopeXml.onlyChild(EnvelopeXml.onlyChild(signatures, SWG, "SenderSignature"), DS, "Signature");
  }

  /** The i-th ds:Reference of the sender signature. */
  static Element reference(Document document, int index) {
    Element signedInfo = EnvelopeXml.onlyChild(senderSignature(document), DS, "SignedInfo");
    return EnvelopeXml.children(signedInfo, DS, "Reference").get(index);
  }

  /** Adds the gateway's Routing block before Signatures, as the gateway's admission step does. */
  static void addRouting(Document document) {
    Element routing = (Element) document.importNode(parse(ROUTING).getDocumentElement(), true);
    Element signatures = EnvelopeXml.onlyChild(root(document), SWG, "Signatures");
    root(document).insertBefore(routing, signatures);
  }

  /** The code the verifier refuses {@code envelope} with; fails the test when it accepts it. */
  static ErrorCode rejectionOf(SenderSignatureVerifier verifier, Document envelope, boolean legacySha1Allowed) {
    Throwable thrown = catchThrowable(() -> verifier.verify(envelope, legacySha1Allowed));
    assertThat(thrown).as("verdict").isInstanceOf(SignatureRejectedException.class);
    return ((MessageRejectedException) thrown).errorCode();
  }

  /** A new element in the envelope namespace, with the envelope's prefix. */
  static Element swg(Document document, String localName) {
    return document.createElementNS(SWG, "swg:" + localName);
  }

  static Element ds(Document document, String localName) {
    return document.createElementNS(DS, "ds:" + localName);
  }
}
