package vn.customs.swg.cli;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The envelope parts the command-line client reads or changes (ENVELOPE.md section 1), found by
 * namespace and local name among direct children only, never by prefix or document search. It
 * decides nothing about validity: the verifiers do that.
 */
final class EnvelopeParts {

  static final String NS = "urn:vn:customs:swg:envelope:1";

  private EnvelopeParts() {}

  /** The envelope's element at this path of swg local names below the root, or null. */
  static Element find(Document envelope, String... path) {
    Element current = envelope.getDocumentElement();
    if (current == null || !NS.equals(current.getNamespaceURI()) || !"Envelope".equals(current.getLocalName())) {
      return null;
    }
    for (String step : path) {
      List<Element> found = children(current, step);
      if (found.size() != 1) {
        return null;
      }
      current = found.get(0);
    }
    return current;
  }

  /** The trimmed text at that path, or null when the element is absent. */
  static String text(Document envelope, String... path) {
    Element element = find(envelope, path);
    return element == null ? null : element.getTextContent().trim();
  }

  static boolean has(Document envelope, String... path) {
    return find(envelope, path) != null;
  }

  /** Removes Signatures/{holder} (SenderSignature or SystemSignature) when present. */
  static void removeSignature(Document envelope, String holder) {
    Element signature = find(envelope, "Signatures", holder);
    if (signature != null) {
      signature.getParentNode().removeChild(signature);
    }
  }

  /** Child elements in the envelope namespace with this local name, in document order. */
  static List<Element> children(Element parent, String localName) {
    List<Element> found = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && NS.equals(element.getNamespaceURI())
          && localName.equals(element.getLocalName())) {
        found.add(element);
      }
    }
    return found;
  }
}
