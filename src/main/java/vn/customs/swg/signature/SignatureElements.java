package vn.customs.swg.signature;

import static vn.customs.swg.signature.EnvelopeXml.DS_NS;
import static vn.customs.swg.signature.EnvelopeXml.childElements;
import static vn.customs.swg.signature.EnvelopeXml.is;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import vn.customs.swg.ErrorCode;

/**
 * The parts of one ds:Signature element, read from the DOM before any XMLDSig library sees it.
 * It decides whether the element has the XMLDSig shape (SignedInfo, SignatureValue, optional
 * KeyInfo, then Objects; SignedInfo of CanonicalizationMethod, SignatureMethod, References) and
 * refuses anything else with SWG-SEC-003, so that the later checks and Santuario only ever see
 * the elements this record names. Reading the shape ourselves matters: Santuario re-parses a
 * SignedInfo whose canonicalization it does not know, before a caller could object.
 */
record SignatureElements(
    Element signature,
    Element canonicalizationMethod,
    Element signatureMethod,
    List<ReferenceElements> references,
    Element keyInfo,
    List<Element> objects) {

  /** One ds:Reference: its URI attribute (null when absent), its Transform elements and DigestMethod. */
  record ReferenceElements(Element reference, String uri, String type, List<Element> transforms,
      Element digestMethod) {}

  static SignatureElements read(Element signature) {
    List<Element> children = childElements(signature);
    int i = 0;
    Element signedInfo = expect(children, i++, "SignedInfo");
    expect(children, i++, "SignatureValue");
    Element keyInfo = null;
    if (i < children.size() && is(children.get(i), DS_NS, "KeyInfo")) {
      keyInfo = children.get(i++);
    }
    List<Element> objects = new ArrayList<>();
    for (; i < children.size(); i++) {
      if (!is(children.get(i), DS_NS, "Object")) {
        throw malformed("unexpected element " + children.get(i).getLocalName() + " in ds:Signature");
      }
      objects.add(children.get(i));
    }

    List<Element> parts = childElements(signedInfo);
    Element c14n = expect(parts, 0, "CanonicalizationMethod");
    Element method = expect(parts, 1, "SignatureMethod");
    List<ReferenceElements> references = new ArrayList<>();
    for (Element part : parts.subList(2, parts.size())) {
      if (!is(part, DS_NS, "Reference")) {
        throw malformed("unexpected element " + part.getLocalName() + " in ds:SignedInfo");
      }
      references.add(readReference(part));
    }
    if (references.isEmpty()) {
      throw malformed("ds:SignedInfo has no Reference");
    }
    return new SignatureElements(signature, c14n, method, List.copyOf(references), keyInfo,
        List.copyOf(objects));
  }

  private static ReferenceElements readReference(Element reference) {
    List<Element> parts = childElements(reference);
    int i = 0;
    List<Element> transforms = new ArrayList<>();
    if (!parts.isEmpty() && is(parts.get(0), DS_NS, "Transforms")) {
      for (Element transform : childElements(parts.get(i++))) {
        if (!is(transform, DS_NS, "Transform")) {
          throw malformed("unexpected element " + transform.getLocalName() + " in ds:Transforms");
        }
        transforms.add(transform);
      }
    }
    Element digestMethod = expect(parts, i++, "DigestMethod");
    expect(parts, i++, "DigestValue");
    if (i != parts.size()) {
      throw malformed("unexpected element " + parts.get(i).getLocalName() + " in ds:Reference");
    }
    return new ReferenceElements(reference, attribute(reference, "URI"), attribute(reference, "Type"),
        List.copyOf(transforms), digestMethod);
  }

  /** The Algorithm attribute, or the empty string (which no profile accepts). */
  static String algorithm(Element element) {
    return element.getAttributeNS(null, "Algorithm");
  }

  private static String attribute(Element element, String name) {
    return element.hasAttributeNS(null, name) ? element.getAttributeNS(null, name) : null;
  }

  private static Element expect(List<Element> elements, int index, String localName) {
    if (index >= elements.size() || !is(elements.get(index), DS_NS, localName)) {
      throw malformed("ds:" + localName + " missing or out of order");
    }
    return elements.get(index);
  }

  private static SignatureRejectedException malformed(String detail) {
    return new SignatureRejectedException(ErrorCode.SEC_003, detail);
  }
}
