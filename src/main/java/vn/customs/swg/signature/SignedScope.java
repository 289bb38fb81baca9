package vn.customs.swg.signature;

import static vn.customs.swg.signature.EnvelopeXml.DS_NS;
import static vn.customs.swg.signature.EnvelopeXml.ENVELOPE_NS;
import static vn.customs.swg.signature.EnvelopeXml.ID;
import static vn.customs.swg.signature.EnvelopeXml.children;
import static vn.customs.swg.signature.EnvelopeXml.childElements;
import static vn.customs.swg.signature.EnvelopeXml.hasText;
import static vn.customs.swg.signature.EnvelopeXml.idOf;
import static vn.customs.swg.signature.EnvelopeXml.is;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.customs.swg.ErrorCode;

/**
 * What the sender signature covers, decided from the DOM before any digest is computed: exactly
 * the envelope's own Header and Body (the direct children of the document element), plus at most
 * a ds:SignatureProperties holding SigningTime inside this signature. It refuses with
 * SWG-SEC-003 every signature-wrapping shape (Somorovsky et al., "On Breaking SAML", USENIX
 * Security 2012, https://www.usenix.org/conference/usenixsecurity12/technical-sessions/presentation/somorovsky):
 * duplicate ids anywhere, any other ds:Signature, ds:Manifest or ds:Object in the document,
 * references that are empty, external, XPointer or aimed at anything else. Its result pins each
 * reference URI to one element, so resolution is by node identity and never by searching.
 */
final class SignedScope {

  private static final String SIGNATURE_PROPERTIES_TYPE = DS_NS + "SignatureProperties";

  private SignedScope() {}

  /**
   * Checks the document and the signature's references, registers the pinned targets' {@code Id}
   * attributes as DOM ID attributes (and no others) and returns reference URI → target element.
   */
  static Map<String, Element> check(Document document, SignatureElements signature) {
    Element envelope = document.getDocumentElement();
    Element header = single(envelope, "Header");
    Element body = single(envelope, "Body");
    refuseDuplicateIds(document);
    refuseOtherSignatureConstructs(document, signature.signature());
    Element properties = signingTimeProperties(signature);

    Map<Element, String> expected = new LinkedHashMap<>();
    expected.put(header, requiredId(header, "swg:Header"));
    expected.put(body, requiredId(body, "swg:Body"));
    if (properties != null) {
      expected.put(properties, requiredId(properties, "ds:SignatureProperties"));
    }
    Map<String, Element> targets = pinReferences(signature, expected);

    // Only after every check: mark exactly these attributes as IDs, so that any later
    // getElementById, ours or Santuario's, can only find these elements.
    for (Element target : targets.values()) {
      target.setIdAttributeNS(null, ID, true);
      if (document.getElementById(idOf(target)) != target) {
        throw wrapped("id " + idOf(target) + " does not resolve to the signed element");
      }
    }
    return targets;
  }

  private static Map<String, Element> pinReferences(SignatureElements signature, Map<Element, String> expected) {
    List<SignatureElements.ReferenceElements> references = signature.references();
    if (references.size() != expected.size()) {
      throw wrapped("SignedInfo has " + references.size() + " references, expected exactly "
          + expected.size() + " (Header, Body" + (expected.size() == 3 ? ", SigningTime)" : ")"));
    }
    Map<String, Element> targets = new LinkedHashMap<>();
    for (SignatureElements.ReferenceElements reference : references) {
      String uri = reference.uri();
      Element target = expected.entrySet().stream()
          .filter(entry -> ("#" + entry.getValue()).equals(uri))
          .map(Map.Entry::getKey).findFirst().orElse(null);
      if (target == null) {
        throw wrapped(describeForeignUri(uri));
      }
      if (targets.putIfAbsent(uri, target) != null) {
        throw wrapped("two references to " + uri);
      }
      boolean propertiesReference = is(target, DS_NS, "SignatureProperties");
      // Type is only a hint, but a Manifest or Object type would change how some verifiers
      // process the reference: allow none, or the one that says what the third reference is.
      if (reference.type() != null
          && !(propertiesReference && SIGNATURE_PROPERTIES_TYPE.equals(reference.type()))) {
        throw wrapped("reference " + uri + " has Type " + reference.type());
      }
    }
    return targets;
  }

  private static String describeForeignUri(String uri) {
    if (uri == null) {
      return "reference without URI";
    }
    if (uri.isEmpty()) {
      return "reference URI \"\" (the whole document) not allowed";
    }
    if (uri.startsWith("#xpointer(")) {
      return "XPointer reference not allowed: " + uri;
    }
    if (!uri.startsWith("#")) {
      return "external reference not allowed: " + uri;
    }
    return "reference " + uri + " is not the envelope's Header or Body";
  }

  /** The only swg child of that name of the document element: nested or sibling copies are wrapping. */
  private static Element single(Element envelope, String localName) {
    List<Element> found = children(envelope, ENVELOPE_NS, localName);
    if (found.size() != 1) {
      throw wrapped("envelope has " + found.size() + " swg:" + localName + " elements, expected 1");
    }
    return found.get(0);
  }

  private static String requiredId(Element element, String name) {
    String id = idOf(element);
    if (id == null) {
      throw wrapped(name + " has no Id attribute, so the signature cannot cover it");
    }
    return id;
  }

  private static void refuseDuplicateIds(Document document) {
    String duplicate = EnvelopeXml.duplicateId(document);
    if (duplicate != null) {
      throw wrapped("duplicate id value " + duplicate);
    }
  }

  private static void refuseOtherSignatureConstructs(Document document, Element senderSignature) {
    NodeList signatures = document.getElementsByTagNameNS(DS_NS, "Signature");
    for (int i = 0; i < signatures.getLength(); i++) {
      if (signatures.item(i) != senderSignature) {
        throw wrapped("a ds:Signature outside swg:SenderSignature");
      }
    }
    if (document.getElementsByTagNameNS(DS_NS, "Manifest").getLength() > 0) {
      throw wrapped("ds:Manifest not allowed");
    }
    NodeList objects = document.getElementsByTagNameNS(DS_NS, "Object");
    for (int i = 0; i < objects.getLength(); i++) {
      if (objects.item(i).getParentNode() != senderSignature) {
        throw wrapped("a ds:Object outside the sender signature");
      }
    }
  }

  /**
   * The single ds:Object allowed holds one SignatureProperties with one SignatureProperty whose
   * only content is a SigningTime element (the 2025 tax-authority profile); null when there is
   * no Object. An Object is a place to hide a copy of the signed Body, so nothing else fits.
   */
  private static Element signingTimeProperties(SignatureElements signature) {
    List<Element> objects = signature.objects();
    if (objects.isEmpty()) {
      return null;
    }
    if (objects.size() > 1) {
      throw wrapped("more than one ds:Object");
    }
    Element properties = onlyContent(objects.get(0), "SignatureProperties");
    Element property = onlyContent(properties, "SignatureProperty");
    List<Element> values = childElements(property);
    if (values.size() != 1 || !"SigningTime".equals(values.get(0).getLocalName())
        || !childElements(values.get(0)).isEmpty()) {
      throw wrapped("ds:SignatureProperty must hold only SigningTime");
    }
    return properties;
  }

  private static Element onlyContent(Element parent, String dsLocalName) {
    List<Element> content = childElements(parent);
    if (content.size() != 1 || !is(content.get(0), DS_NS, dsLocalName) || hasText(parent)) {
      throw wrapped("ds:" + parent.getLocalName() + " must hold exactly one ds:" + dsLocalName);
    }
    return content.get(0);
  }

  private static SignatureRejectedException wrapped(String detail) {
    return new SignatureRejectedException(ErrorCode.SEC_003, detail);
  }
}
