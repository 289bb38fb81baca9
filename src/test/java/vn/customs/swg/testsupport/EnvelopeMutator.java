package vn.customs.swg.testsupport;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.DOMException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import vn.customs.swg.XmlOutput;

/**
 * Structure-aware mutations for the fuzz tests: turns fuzzer bytes into a recipe of DOM edits on a
 * good envelope (move, copy, remove, rename, wrap an element; change a text or an attribute; add
 * a comment or processing instruction) and an optional raw byte splice on the result. The edits
 * are the raw material of signature wrapping, duplicate Ids, namespace tricks and gateway-only
 * elements, so the fuzzer reaches the deep checks instead of stopping at "not well-formed". The
 * same fuzzer bytes always give the same mutant, so a committed input reproduces its finding.
 */
public final class EnvelopeMutator {

  private static final String[] NAMESPACES = {
      TestMessages.NS, TestMessages.DS, null, "urn:fuzz:other", "http://www.w3.org/2001/10/xml-exc-c14n#"};
  private static final String[] PREFIXES = {"swg", "ds", "x", null};
  private static final String[] LOCAL_NAMES = {
      "Envelope", "Header", "Body", "Signatures", "SenderSignature", "SystemSignature", "Routing", "Signature",
      "SignedInfo", "Reference", "Object", "KeyInfo", "X509Data", "Transforms", "messageId", "sentAt", "From",
      "identity", "partyType", "Subject", "messageType"};
  private static final String[] ATTRIBUTE_NAMES = {
      "Id", "ID", "id", "xml:id", "version", "URI", "Algorithm", "xmlns:swg", "xmlns:ds", "xmlns", "Type"};
  private static final String[] ATTRIBUTE_VALUES = {
      "header", "body", "#header", "#body", "", "sender-signature", "#sender-signature", "1.0", "1.1",
      TestMessages.NS, TestMessages.DS, "http://www.w3.org/2001/10/xml-exc-c14n#",
      "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
      "http://www.w3.org/2000/09/xmldsig#sha1", "http://www.w3.org/TR/1999/REC-xslt-19991116",
      "http://127.0.0.1:9/x", "file:///etc/passwd"};

  private static final DocumentBuilderFactory FACTORY = DocumentBuilderFactory.newInstance();

  static {
    FACTORY.setNamespaceAware(true);
  }

  private EnvelopeMutator() {}

  /** A mutant of {@code envelope}: up to four DOM edits, then possibly a byte splice. */
  public static byte[] mutate(byte[] envelope, FuzzedDataProvider data) {
    Document document = parse(envelope);
    int edits = data.consumeInt(0, 4);
    for (int i = 0; i < edits; i++) {
      try {
        edit(document, data);
      } catch (DOMException impossible) {
        // an edit the DOM itself forbids (e.g. an element into its own descendant): skipped
      }
    }
    byte[] bytes = XmlOutput.toBytes(document);
    if (data.remainingBytes() > 0 && data.consumeBoolean()) {
      bytes = splice(bytes, data);
    }
    return bytes;
  }

  private static void edit(Document document, FuzzedDataProvider data) {
    List<Element> elements = elements(document);
    Element target = data.pickValue(elements);
    Element other = data.pickValue(elements);
    Element root = document.getDocumentElement();
    switch (data.consumeInt(0, 9)) {
      case 0 -> { // move: the classic wrapping step
        if (target != root) {
          insertInto(other, target, data);
        }
      }
      case 1 -> insertInto(other, target.cloneNode(true), data); // copy: duplicate Ids, a second Body
      case 2 -> {
        if (target != root) {
          target.getParentNode().removeChild(target);
        }
      }
      case 3 -> target.setTextContent(data.consumeString(40)); // e.g. the amount or the messageId changed
      case 4 -> {
        String name = data.pickValue(ATTRIBUTE_NAMES);
        String value = data.consumeBoolean() ? data.pickValue(ATTRIBUTE_VALUES) : data.consumeString(24);
        if (name.startsWith("xmlns")) {
          target.setAttributeNS("http://www.w3.org/2000/xmlns/", name, value);
        } else if (name.startsWith("xml:")) {
          target.setAttributeNS("http://www.w3.org/XML/1998/namespace", name, value);
        } else if (data.consumeBoolean() && target.hasAttribute(name)) {
          target.removeAttribute(name);
        } else {
          target.setAttributeNS(null, name, value);
        }
      }
      case 5 -> {
        String namespace = data.pickValue(NAMESPACES);
        String name = qualifiedName(data);
        document.renameNode(target, namespace == null && name.contains(":") ? TestMessages.NS : namespace, name);
      }
      case 6 -> insertInto(target, data.consumeBoolean()
          ? document.createComment(data.consumeString(16))
          : document.createProcessingInstruction("fuzz", data.consumeString(16)), data);
      case 7 -> { // wrap, the root too: a second Envelope around the first
        Element wrapper = document.createElementNS(namespace(data), qualifiedName(data));
        target.getParentNode().replaceChild(wrapper, target);
        wrapper.appendChild(target);
      }
      case 8 -> {
        Node next = target.getNextSibling();
        if (target != root && next != null) {
          target.getParentNode().insertBefore(next, target);
        }
      }
      default -> insertInto(target, document.createTextNode(data.consumeString(16)), data);
    }
  }

  private static String namespace(FuzzedDataProvider data) {
    String namespace = data.pickValue(NAMESPACES);
    return namespace == null ? TestMessages.NS : namespace;
  }

  private static String qualifiedName(FuzzedDataProvider data) {
    String prefix = data.pickValue(PREFIXES);
    String local = data.pickValue(LOCAL_NAMES);
    return prefix == null ? local : prefix + ":" + local;
  }

  private static void insertInto(Element parent, Node child, FuzzedDataProvider data) {
    NodeList children = parent.getChildNodes();
    int at = data.consumeInt(0, children.getLength());
    parent.insertBefore(child, at < children.getLength() ? children.item(at) : null);
  }

  private static byte[] splice(byte[] bytes, FuzzedDataProvider data) {
    int at = data.consumeInt(0, bytes.length);
    int removed = data.consumeInt(0, Math.min(32, bytes.length - at));
    byte[] inserted = data.consumeBytes(32);
    byte[] out = new byte[bytes.length - removed + inserted.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(bytes, at + removed, out, at + inserted.length, bytes.length - at - removed);
    return out;
  }

  private static List<Element> elements(Document document) {
    NodeList all = document.getElementsByTagName("*");
    List<Element> elements = new ArrayList<>(all.getLength());
    for (int i = 0; i < all.getLength(); i++) {
      elements.add((Element) all.item(i));
    }
    return elements;
  }

  private static Document parse(byte[] envelope) {
    try {
      return FACTORY.newDocumentBuilder().parse(new ByteArrayInputStream(envelope));
    } catch (Exception e) {
      throw new IllegalStateException("the envelope to mutate must be well-formed", e);
    }
  }
}
