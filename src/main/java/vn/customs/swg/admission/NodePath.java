package vn.customs.swg.admission;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Writes the XPath-like location of an element for a receipt, e.g.
 * {@code /swg:Envelope/swg:Body/lr:LicenceResult/lr:goods/lr:goodsLine[2]/lr:hsCode}. Names are
 * written as the sender wrote them (its own prefixes), so the partner can find the spot in the
 * document it sent; a position is added only where same-named siblings make one necessary.
 */
final class NodePath {

  private NodePath() {
  }

  /** The location of an element, or null when there is no element. */
  static String of(Node node) {
    if (!(node instanceof Element)) {
      return null;
    }
    Deque<String> steps = new ArrayDeque<>();
    for (Node n = node; n instanceof Element e; n = n.getParentNode()) {
      steps.push(step(e));
    }
    return "/" + String.join("/", steps);
  }

  private static String step(Element element) {
    int position = 0;
    int count = 0;
    Node parent = element.getParentNode();
    if (parent != null) {
      for (Node sibling = parent.getFirstChild(); sibling != null; sibling = sibling.getNextSibling()) {
        if (sibling instanceof Element e && sameName(e, element)) {
          count++;
          if (e == element) {
            position = count;
          }
        }
      }
    }
    return count > 1 ? element.getNodeName() + "[" + position + "]" : element.getNodeName();
  }

  private static boolean sameName(Element a, Element b) {
    return Objects.equals(a.getNamespaceURI(), b.getNamespaceURI())
        && Objects.equals(a.getLocalName(), b.getLocalName());
  }
}
