package vn.customs.swg.signature;

import static vn.customs.swg.signature.EnvelopeXml.DS_NS;
import static vn.customs.swg.signature.EnvelopeXml.ENVELOPE_NS;
import static vn.customs.swg.signature.EnvelopeXml.ID;
import static vn.customs.swg.signature.EnvelopeXml.children;
import static vn.customs.swg.signature.EnvelopeXml.childElements;
import static vn.customs.swg.signature.EnvelopeXml.hasText;
import static vn.customs.swg.signature.EnvelopeXml.idOf;
import static vn.customs.swg.signature.EnvelopeXml.is;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.xml.security.signature.SignedInfo;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;

/**
 * Decides whether the gateway's system signature (ENVELOPE.md section 3) on a forwarded envelope,
 * outbound message or receipt is acceptable, for partners and tools that receive what the gateway
 * signed. The signature must sit alone in Signatures/SystemSignature (else SWG-SEC-001 when
 * missing, SWG-SEC-003 otherwise); use only profile algorithms (SWG-SEC-004); reference exactly
 * the envelope's own Header and Body, its Routing when there is one and the sender's ds:Signature
 * when there is one, each by Id, with no other ds:Signature, Manifest, Object or duplicate Id in
 * the document except the sender signature's own (SWG-SEC-003); name one signer in KeyInfo
 * (SWG-SEC-009) with a strong enough key (SWG-SEC-004); and verify (SWG-SEC-002). Only the Id
 * attributes of the referenced elements are registered as DOM IDs, and Santuario resolves every
 * reference to its pinned element alone. It does not check the sender signature itself, nor trust
 * in the returned certificate: validate {@link VerifiedSignature#signingCertificate()} against the
 * gateway's anchors next. Stateless and thread-safe.
 */
public final class GatewaySignatureVerifier {

  static final String SYSTEM_SIGNATURE_LOCATION =
      "/swg:Envelope/swg:Signatures/swg:SystemSignature/ds:Signature";

  private final SignatureProfile profile;

  public GatewaySignatureVerifier(SignatureProfile profile) {
    this.profile = profile;
    XmlSecurity.ensureInitialised();
  }

  /**
   * Verifies the system signature of {@code envelope}, marking the signed elements' Id attributes
   * as DOM IDs in that document.
   *
   * @return the signing certificate, every KeyInfo certificate, the ds:Signature and its method
   * @throws MessageRejectedException with the contract's SEC code when the signature is refused
   */
  public VerifiedSignature verify(Document envelope) {
    try {
      Element root = envelope.getDocumentElement();
      if (!is(root, ENVELOPE_NS, "Envelope")) {
        throw new SignatureRejectedException(ErrorCode.SEC_001, "not a swg:Envelope");
      }
      Element signatures = single(root, "Signatures", false);
      Element signature = signatureIn(signatures, "SystemSignature");
      if (signature == null) {
        throw new SignatureRejectedException(ErrorCode.SEC_001, "no Signatures/SystemSignature/ds:Signature");
      }
      SignatureElements parts = SignatureElements.read(signature);
      profile.check(parts, false);
      Map<String, Element> targets = pinReferences(envelope, parts, signatureIn(signatures, "SenderSignature"));
      KeyInfoCertificates.Presented certificates = KeyInfoCertificates.read(parts.keyInfo());
      String method = SignatureElements.algorithm(parts.signatureMethod());
      profile.checkKey(certificates.signer().getPublicKey(), method);
      SignatureValueCheck.check(signature, targets, certificates.signer());
      return new VerifiedSignature(certificates.signer(), certificates.all(), signature, method);
    } catch (MessageRejectedException e) {
      // The shared helpers report the sender signature's location; point at the one checked here.
      throw new MessageRejectedException(e.errorCode(), detailOf(e), SYSTEM_SIGNATURE_LOCATION, e.technicalCause());
    }
  }

  /**
   * Checks the document's shape and the references against what the gateway signs, then registers
   * exactly those elements' Id attributes and returns reference URI → pinned element.
   */
  private static Map<String, Element> pinReferences(Document document, SignatureElements signature,
      Element senderSignature) {
    Element root = document.getDocumentElement();
    Map<String, Element> expected = new LinkedHashMap<>();
    expect(expected, single(root, "Header", true), "swg:Header");
    expect(expected, single(root, "Body", true), "swg:Body");
    Element routing = single(root, "Routing", false);
    if (routing != null) {
      expect(expected, routing, "swg:Routing");
    }
    if (senderSignature != null) {
      expect(expected, senderSignature, "the sender ds:Signature");
    }
    String duplicate = EnvelopeXml.duplicateId(document);
    if (duplicate != null) {
      throw wrapped("duplicate id value " + duplicate);
    }
    refuseOtherSignatureConstructs(document, signature.signature(), senderSignature);
    if (!signature.objects().isEmpty()) {
      throw wrapped("ds:Object not allowed in the system signature");
    }

    List<SignatureElements.ReferenceElements> references = signature.references();
    if (references.size() != expected.size()) {
      throw wrapped("SignedInfo has " + references.size() + " references, expected exactly "
          + expected.size() + " " + expected.keySet());
    }
    Map<String, Element> targets = new LinkedHashMap<>();
    for (SignatureElements.ReferenceElements reference : references) {
      Element target = reference.uri() == null ? null : expected.get(reference.uri());
      if (target == null) {
        throw wrapped("reference " + reference.uri() + " is not one of " + expected.keySet());
      }
      if (targets.putIfAbsent(reference.uri(), target) != null) {
        throw wrapped("two references to " + reference.uri());
      }
      if (reference.type() != null) {
        throw wrapped("reference " + reference.uri() + " has Type " + reference.type());
      }
    }
    // Only after every check: these attributes, and no others, become DOM IDs.
    for (Element target : targets.values()) {
      target.setIdAttributeNS(null, ID, true);
      if (document.getElementById(idOf(target)) != target) {
        throw wrapped("id " + idOf(target) + " does not resolve to the signed element");
      }
    }
    return targets;
  }

  private static void expect(Map<String, Element> expected, Element element, String name) {
    String id = idOf(element);
    if (id == null) {
      throw wrapped(name + " has no Id attribute, so the system signature cannot cover it");
    }
    expected.put("#" + id, element);
  }

  /** The ds:Signature alone in Signatures/{holder}, or null when there is no such holder. */
  private static Element signatureIn(Element signatures, String holderName) {
    if (signatures == null) {
      return null;
    }
    List<Element> holders = children(signatures, ENVELOPE_NS, holderName);
    if (holders.isEmpty()) {
      return null;
    }
    Element holder = holders.get(0);
    List<Element> content = childElements(holder);
    if (holders.size() > 1 || content.size() != 1 || !is(content.get(0), DS_NS, "Signature")
        || hasText(holder)) {
      throw wrapped("swg:" + holderName + " must appear once and hold exactly one ds:Signature");
    }
    return content.get(0);
  }

  /** The only swg child of that name of the envelope; two are wrapping, none may be allowed. */
  private static Element single(Element envelope, String localName, boolean required) {
    List<Element> found = children(envelope, ENVELOPE_NS, localName);
    if (found.size() > 1 || required && found.isEmpty()) {
      throw wrapped("envelope has " + found.size() + " swg:" + localName + " elements, expected "
          + (required ? "1" : "at most 1"));
    }
    return found.isEmpty() ? null : found.get(0);
  }

  private static void refuseOtherSignatureConstructs(Document document, Element systemSignature,
      Element senderSignature) {
    NodeList signatures = document.getElementsByTagNameNS(DS_NS, "Signature");
    for (int i = 0; i < signatures.getLength(); i++) {
      if (signatures.item(i) != systemSignature && signatures.item(i) != senderSignature) {
        throw wrapped("a ds:Signature outside swg:SenderSignature and swg:SystemSignature");
      }
    }
    if (document.getElementsByTagNameNS(DS_NS, "Manifest").getLength() > 0) {
      throw wrapped("ds:Manifest not allowed");
    }
    NodeList objects = document.getElementsByTagNameNS(DS_NS, "Object");
    for (int i = 0; i < objects.getLength(); i++) {
      // the sender's SigningTime Object is covered as part of the sender ds:Signature
      if (senderSignature == null || objects.item(i).getParentNode() != senderSignature) {
        throw wrapped("a ds:Object outside the sender signature");
      }
    }
  }

  private static String detailOf(MessageRejectedException e) {
    String prefix = e.errorCode().code() + ": ";
    String message = e.getMessage();
    return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  private static SignatureRejectedException wrapped(String detail) {
    return new SignatureRejectedException(ErrorCode.SEC_003, detail);
  }


}
