package vn.customs.swg.signature;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Names of the envelope and XMLDSig elements, and the few DOM walks the signature classes share.
 * It decides nothing: it only answers "which child elements are there", by namespace and local
 * name, never by prefix (prefixes are the sender's choice).
 */
final class EnvelopeXml {

  static final String ENVELOPE_NS = "urn:vn:customs:swg:envelope:1";
  static final String DS_NS = "http://www.w3.org/2000/09/xmldsig#";
  /** The envelope's ID attribute, unqualified, on Header, Body, Routing and ds:Signature. */
  static final String ID = "Id";

  private EnvelopeXml() {}

  static boolean is(Node node, String namespace, String localName) {
    return node != null
        && node.getNodeType() == Node.ELEMENT_NODE
        && namespace.equals(node.getNamespaceURI())
        && localName.equals(node.getLocalName());
  }

  /** All child elements, in document order. */
  static List<Element> childElements(Element parent) {
    List<Element> children = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child.getNodeType() == Node.ELEMENT_NODE) {
        children.add((Element) child);
      }
    }
    return children;
  }

  /** The child elements with this name, in document order. */
  static List<Element> children(Element parent, String namespace, String localName) {
    List<Element> matching = new ArrayList<>();
    for (Element child : childElements(parent)) {
      if (is(child, namespace, localName)) {
        matching.add(child);
      }
    }
    return matching;
  }

  /** The only child with this name, or null when there is none or more than one. */
  static Element onlyChild(Element parent, String namespace, String localName) {
    List<Element> matching = children(parent, namespace, localName);
    return matching.size() == 1 ? matching.get(0) : null;
  }

  /** The value of the unqualified {@code Id} attribute, or null when absent or empty. */
  static String idOf(Element element) {
    String id = element.getAttributeNS(null, ID);
    return id == null || id.isEmpty() ? null : id;
  }

  /** Every element of the document in document order, walked without recursion (no stack depth risk). */
  static List<Element> allElements(Document document) {
    List<Element> all = new ArrayList<>();
    Node node = document.getDocumentElement();
    while (node != null) {
      if (node.getNodeType() == Node.ELEMENT_NODE) {
        all.add((Element) node);
      }
      if (node.getFirstChild() != null) {
        node = node.getFirstChild();
        continue;
      }
      while (node != null && node.getNextSibling() == null) {
        node = node.getParentNode();
        if (node == document) {
          return all;
        }
      }
      node = node == null ? null : node.getNextSibling();
    }
    return all;
  }

  /**
   * The first value that occurs twice among attributes named Id, ID or id (in any namespace, so
   * also xml:id and wsu:Id) or already typed as DOM IDs, or null: any of them may be what another
   * XMLDSig implementation, or downstream code, resolves a {@code #id} to.
   */
  static String duplicateId(Document document) {
    Set<String> seen = new HashSet<>();
    for (Element element : allElements(document)) {
      NamedNodeMap attributes = element.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        Attr attribute = (Attr) attributes.item(i);
        String name = attribute.getLocalName() != null ? attribute.getLocalName() : attribute.getName();
        if ((name.equalsIgnoreCase("id") || attribute.isId()) && !seen.add(attribute.getValue())) {
          return attribute.getValue();
        }
      }
    }
    return null;
  }

  /** True when the element has character data other than whitespace (mixed content). */
  static boolean hasText(Element element) {
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      short type = child.getNodeType();
      if ((type == Node.TEXT_NODE || type == Node.CDATA_SECTION_NODE)
          && !child.getNodeValue().isBlank()) {
        return true;
      }
    }
    return false;
  }
}
