package vn.customs.swg.delivery;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.signature.SenderSignatureVerifier;
import vn.customs.swg.signature.VerifiedSignature;
import vn.customs.swg.trust.CertificateTrustValidator;

/**
 * Decides whether a partner's answer to a push proves delivery. Only an HTTP 2xx whose body
 * (within the parser's size cap, hardened parse) is an envelope carrying a sender signature that
 * passes the same checks as an inbound message of this partner (profile and what-was-signed,
 * path to the partner's own anchors with revocation, certificate registered to the partner), and
 * which then says, From the partner, that it is a {@code RECEIPT} for exactly the pushed
 * messageId with status ACCEPTED or DUPLICATE. The signature is checked before any field is
 * believed, so a tampered receipt is reported as such. A non-2xx answer is an endpoint failure
 * whatever its body; every other refusal is a refused receipt. Details name the rule that failed
 * and never echo the partner's body. Stateless and thread-safe.
 */
public final class PartnerReceiptVerifier {

  static final String NS = "urn:vn:customs:swg:envelope:1";
  private static final Set<String> DELIVERED_STATUSES = Set.of("ACCEPTED", "DUPLICATE");

  private final HardenedXmlParser parser;
  private final SenderSignatureVerifier signatures;
  private final CertificateTrustValidator trust;

  public PartnerReceiptVerifier(HardenedXmlParser parser, SenderSignatureVerifier signatures,
      CertificateTrustValidator trust) {
    this.parser = parser;
    this.signatures = signatures;
    this.trust = trust;
  }

  /** The largest receipt read from a partner; a longer answer is refused unread. */
  public int maxReceiptBytes() {
    return parser.maxBytes();
  }

  /**
   * @param partner the partner the message was pushed to, from the registry in force
   * @param messageId the pushed envelope's messageId, which the receipt must answer
   * @param httpStatus the partner's HTTP status
   * @param body the partner's answer, null or empty when there was none
   */
  public ReceiptVerdict check(Partner partner, String messageId, int httpStatus, byte[] body) {
    if (httpStatus < 200 || httpStatus > 299) {
      return ReceiptVerdict.endpointFailed(httpStatus, httpStatus >= 300 && httpStatus < 400
          ? "partner endpoint redirected; redirects are not followed" : "partner endpoint failed");
    }
    if (body == null || body.length == 0) {
      return ReceiptVerdict.refused(httpStatus, "no receipt in the answer");
    }
    try {
      return verified(partner, messageId, httpStatus, body);
    } catch (MessageRejectedException e) {
      // Parser, signature and trust refusals carry the contract's code and a detail that never
      // echoes the input (see HardenedXmlParser, SignatureRejectedException).
      return ReceiptVerdict.refused(httpStatus, "receipt " + e.getMessage());
    }
  }

  private ReceiptVerdict verified(Partner partner, String messageId, int httpStatus, byte[] body) {
    Document receipt = parser.parse(body);
    Element envelope = receipt.getDocumentElement();
    if (!is(envelope, "Envelope")) {
      return ReceiptVerdict.refused(httpStatus, "the answer is not a swg:Envelope");
    }
    // Authenticity first: until the signature and its certificate pass, no field is believed.
    VerifiedSignature signature = signatures.verify(receipt, partner.legacySha1());
    X509Certificate signer = signature.signingCertificate();
    trust.validate(signer, signature.presentedCertificates(), partner.trust());
    if (!partner.signsWith(signer)) {
      return ReceiptVerdict.refused(httpStatus,
          "receipt signing certificate is not registered for partner " + partner.id());
    }
    // The signature covers exactly these Header and Body: the envelope's own children.
    Element header = only(envelope, "Header");
    Element content = only(envelope, "Body");
    if (!"RECEIPT".equals(text(header, "Subject", "messageType"))) {
      return ReceiptVerdict.refused(httpStatus, "the signed answer is not a RECEIPT envelope");
    }
    if (!messageId.equals(text(header, "Reference", "refToMessageId"))) {
      return ReceiptVerdict.refused(httpStatus, "the receipt does not answer messageId " + messageId);
    }
    if (!partner.identity().equals(text(header, "From", "identity"))) {
      return ReceiptVerdict.refused(httpStatus,
          "the receipt is not From partner " + partner.id() + " (" + partner.identity() + ")");
    }
    String status = text(content, "Receipt", "status");
    if ("REJECTED".equals(status)) {
      return ReceiptVerdict.refused(httpStatus,
          "the partner REJECTED the message" + errorCodes(only(content, "Receipt")));
    }
    if (status == null || !DELIVERED_STATUSES.contains(status)) {
      return ReceiptVerdict.refused(httpStatus, "the receipt has no ACCEPTED or DUPLICATE status");
    }
    return ReceiptVerdict.delivered(httpStatus, "receipt " + status);
  }

  /** The error codes of a REJECTED receipt, reduced to the code alphabet (partner content). */
  private static String errorCodes(Element receipt) {
    List<String> codes = new ArrayList<>();
    for (Element error : children(receipt, "error")) {
      Element code = only(error, "code");
      if (code != null && codes.size() < 5) {
        String value = code.getTextContent().trim().replaceAll("[^A-Za-z0-9._-]", "");
        codes.add(value.length() > 32 ? value.substring(0, 32) : value);
      }
    }
    return codes.isEmpty() ? "" : ": " + String.join(", ", codes);
  }

  /** The trimmed text at parent/first/second, null when any step is missing or ambiguous. */
  private static String text(Element parent, String first, String second) {
    Element outer = parent == null ? null : only(parent, first);
    Element inner = outer == null ? null : only(outer, second);
    return inner == null ? null : inner.getTextContent().trim();
  }

  private static Element only(Element parent, String localName) {
    List<Element> found = children(parent, localName);
    return found.size() == 1 ? found.get(0) : null;
  }

  private static List<Element> children(Element parent, String localName) {
    List<Element> found = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (is(child, localName)) {
        found.add((Element) child);
      }
    }
    return found;
  }

  private static boolean is(Node node, String localName) {
    return node != null && node.getNodeType() == Node.ELEMENT_NODE && NS.equals(node.getNamespaceURI())
        && localName.equals(node.getLocalName());
  }
}
