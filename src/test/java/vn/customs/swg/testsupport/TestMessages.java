package vn.customs.swg.testsupport;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.signature.SenderSigner;

/**
 * Builds submissions for end-to-end tests from the committed examples: a fresh messageId and
 * sentAt, optional edits before signing (the document is the partner's own), then a signature.
 */
public final class TestMessages {

  public static final String NS = "urn:vn:customs:swg:envelope:1";
  public static final String DS = "http://www.w3.org/2000/09/xmldsig#";

  private static final DateTimeFormatter SENT_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  private TestMessages() {}

  public static Path exampleOf(String messageType) {
    return switch (messageType) {
      case "LICENCE_RESULT" -> Path.of("schemas/ministry/licence-result/example.xml");
      case "TAX_PAYMENT_NOTICE" -> Path.of("schemas/bank/tax-payment-notice/example.xml");
      case "EFORM_D" -> Path.of("schemas/asw/eform-d/example.xml");
      case "ACDD" -> Path.of("schemas/asw/acdd/example.xml");
      case "TAX_PAYMENT_CONFIRMATION" -> Path.of("schemas/bank/tax-payment-confirmation/example.xml");
      default -> throw new IllegalArgumentException(messageType);
    };
  }

  /** The example of a type with a new messageId (From/identity + 32 hex digits) and sentAt now. */
  public static Document fresh(String messageType) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      Document document = factory.newDocumentBuilder()
          .parse(new ByteArrayInputStream(Files.readAllBytes(exampleOf(messageType))));
      String identity = text(document, "From", "identity");
      set(document, "messageId", identity + UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT));
      // Not toString(): it drops ":00" seconds, which xs:dateTime (and so the envelope schema) requires.
      set(document, "sentAt", SENT_AT.format(OffsetDateTime.now(ZoneOffset.ofHours(7)).truncatedTo(ChronoUnit.SECONDS)));
      return document;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] signed(String messageType, DevPartner partner) {
    Document document = fresh(messageType);
    sign(document, partner);
    return XmlOutput.toBytes(document);
  }

  /**
   * A back-end's reply as it puts it on swg.outbound: the example of an outbound type with a fresh
   * messageId and sentAt, answering {@code refToMessageId}; unsigned, as the gateway signs what it sends.
   */
  public static Document backendReply(String messageType, String refToMessageId) {
    Document document = fresh(messageType);
    set(document, "refToMessageId", refToMessageId);
    return document;
  }

  public static Document sign(Document document, DevPartner partner) {
    return sign(document, partner.key(), partner.chain());
  }

  public static Document sign(Document document, PrivateKey key, List<X509Certificate> chain) {
    new SenderSigner().sign(document, key, chain);
    return document;
  }

  public static String messageId(Document document) {
    return first(document, "messageId").getTextContent();
  }

  /** The first envelope element with this local name. */
  public static Element first(Document document, String localName) {
    return (Element) document.getElementsByTagNameNS(NS, localName).item(0);
  }

  /** Sets the text of the first envelope element with this local name. */
  public static void set(Document document, String localName, String value) {
    first(document, localName).setTextContent(value);
  }

  /** Sets a field of From or To. */
  public static void setParty(Document document, String party, String field, String value) {
    ((Element) first(document, party).getElementsByTagNameNS(NS, field).item(0)).setTextContent(value);
  }

  private static String text(Document document, String party, String field) {
    return first(document, party).getElementsByTagNameNS(NS, field).item(0).getTextContent();
  }

  /** The business document inside Body. */
  public static Element bodyDocument(Document document) {
    for (Node n = first(document, "Body").getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element element) {
        return element;
      }
    }
    throw new IllegalStateException("empty Body");
  }
}
