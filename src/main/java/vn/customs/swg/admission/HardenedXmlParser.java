package vn.customs.swg.admission;

import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;

/**
 * Decides whether partner bytes become a DOM at all. It accepts only namespace-well-formed
 * UTF-8 XML 1.0 within a byte cap, an element depth and an attribute count, and refuses every
 * DTD (so no entity can be declared, expanded or fetched), external entities, XInclude and
 * external schema or DTD access (OWASP XXE prevention cheat sheet, JAXP section), processing
 * instructions, and comments inside the root element (no signature covers them). A UTF-8
 * byte-order mark is accepted (see {@link EncodingGuard}). Every refusal is a
 * {@link MessageRejectedException}: {@link ErrorCode#ENV_005} for size, {@link ErrorCode#ENV_001}
 * otherwise, with a detail that names the rule broken but never echoes the input. Thread-safe:
 * each thread reuses its own {@link DocumentBuilder}.
 */
public final class HardenedXmlParser {

  /** 2 MiB: the cap of the 2025 tax-authority profile (ENVELOPE.md preamble). */
  public static final int DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
  /** Envelope + business document + XML Signature nest about 12 deep; 64 leaves ample room. */
  public static final int DEFAULT_MAX_ELEMENT_DEPTH = 64;
  /** No element of the contract has more than a handful of attributes. */
  public static final int DEFAULT_MAX_ATTRIBUTES_PER_ELEMENT = 32;

  // JDK limit properties (java.xml module summary, "JDK-specific properties"): the JDK parser
  // stops as soon as the limit is crossed, before the tree is built.
  private static final String MAX_ELEMENT_DEPTH =
      "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";
  private static final String ELEMENT_ATTRIBUTE_LIMIT =
      "http://www.oracle.com/xml/jaxp/properties/elementAttributeLimit";
  private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
  private static final String DEFER_NODE_EXPANSION = "http://apache.org/xml/features/dom/defer-node-expansion";

  private static final ErrorHandler FAIL_FAST = new ErrorHandler() {
    @Override
    public void warning(SAXParseException exception) {
      // warnings do not make a document unsafe; swallowed so nothing is printed
    }

    @Override
    public void error(SAXParseException exception) throws SAXException {
      throw exception;
    }

    @Override
    public void fatalError(SAXParseException exception) throws SAXException {
      throw exception;
    }
  };

  private final int maxBytes;
  private final int maxElementDepth;
  private final int maxAttributesPerElement;
  private final DocumentBuilderFactory factory;
  private final ThreadLocal<DocumentBuilder> builders;

  /**
   * @param maxBytes largest accepted message in bytes
   * @param maxElementDepth deepest accepted element nesting (the root is depth 1)
   * @param maxAttributesPerElement most attributes accepted on one element
   */
  public HardenedXmlParser(int maxBytes, int maxElementDepth, int maxAttributesPerElement) {
    if (maxBytes <= 0 || maxElementDepth <= 0 || maxAttributesPerElement <= 0) {
      // 0 means "no limit" to the JDK: never let a configuration slip into that
      throw new IllegalArgumentException("parser limits must be positive");
    }
    this.maxBytes = maxBytes;
    this.maxElementDepth = maxElementDepth;
    this.maxAttributesPerElement = maxAttributesPerElement;
    this.factory = newFactory(maxElementDepth, maxAttributesPerElement);
    this.builders = ThreadLocal.withInitial(this::newBuilder);
  }

  /** A parser with the default limits. */
  public static HardenedXmlParser withDefaults() {
    return new HardenedXmlParser(DEFAULT_MAX_BYTES, DEFAULT_MAX_ELEMENT_DEPTH, DEFAULT_MAX_ATTRIBUTES_PER_ELEMENT);
  }

  public int maxBytes() {
    return maxBytes;
  }

  /** Parses a whole message; the bytes are not changed or kept. */
  public Document parse(byte[] bytes) {
    if (bytes.length > maxBytes) {
      throw new MessageRejectedException(ErrorCode.ENV_005,
          "the message has " + bytes.length + " bytes, the limit is " + maxBytes);
    }
    EncodingGuard.requireUtf8Xml(bytes);
    DocumentBuilder builder = builders.get();
    // reset() restores the JDK's default handlers, which print to stderr: set ours every time
    builder.setErrorHandler(FAIL_FAST);
    builder.setEntityResolver((publicId, systemId) -> {
      throw new SAXException("external entity refused");
    });
    InputSource source = new InputSource(new ByteArrayInputStream(bytes));
    // decode as UTF-8 whatever the declaration says (EncodingGuard refused any other name)
    source.setEncoding(StandardCharsets.UTF_8.name());
    try {
      Document document = builder.parse(source);
      refuseUnsignableMarkup(document);
      return document;
    } catch (SAXException e) {
      throw new MessageRejectedException(ErrorCode.ENV_001, describe(e));
    } catch (IOException e) {
      throw new MessageRejectedException(ErrorCode.ENV_001,
          e instanceof CharConversionException ? "the bytes are not valid UTF-8" : "the message could not be read");
    } finally {
      builder.reset();
    }
  }

  /**
   * Refuses processing instructions anywhere and comments inside the root element. Canonical XML
   * without comments, which the signature profile uses, drops comments, so a comment inserted
   * into signed content after signing leaves the signature valid while changing what a reader of
   * the first text node sees ({@code 012<!-- -->03001}: the SAML comment-truncation attack); a
   * processing instruction instructs some reader (xml-stylesheet fetches a URL). Neither has a
   * use in the contract. A comment outside the root (before or after it) is not part of the
   * envelope and is left alone.
   */
  private static void refuseUnsignableMarkup(Document document) {
    Node node = document.getFirstChild();
    while (node != null) {
      if (node.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
        throw new MessageRejectedException(ErrorCode.ENV_001, "processing instructions are not accepted");
      }
      if (node.getNodeType() == Node.COMMENT_NODE && node.getParentNode() != document) {
        throw new MessageRejectedException(ErrorCode.ENV_001,
            "comments inside the envelope are not accepted: no signature can cover them");
      }
      node = next(document, node);
    }
  }

  // Document order without recursion: first child, else next sibling, else an ancestor's sibling.
  private static Node next(Document document, Node node) {
    if (node.getFirstChild() != null) {
      return node.getFirstChild();
    }
    while (node != null && node != document) {
      if (node.getNextSibling() != null) {
        return node.getNextSibling();
      }
      node = node.getParentNode();
    }
    return null;
  }

  // Names the rule that was broken. Parser messages quote element names and text from the
  // input, so only fixed texts and positions go out. The JAXP000100xx codes are the JDK's
  // locale-independent limit identifiers.
  private String describe(SAXException e) {
    String message = String.valueOf(e.getMessage());
    if (hasCause(e, CharConversionException.class)) {
      return "the bytes are not valid UTF-8";
    }
    if (message.contains("JAXP00010006")) {
      return "elements are nested deeper than " + maxElementDepth;
    }
    if (message.contains("JAXP00010002")) {
      return "an element has more than " + maxAttributesPerElement + " attributes";
    }
    if (message.contains("JAXP0001")) {
      return "an XML processing limit was exceeded";
    }
    if (message.contains("DOCTYPE") || message.contains(DISALLOW_DOCTYPE)) {
      return "a DOCTYPE (DTD) is not allowed";
    }
    if (e instanceof SAXParseException p && p.getLineNumber() > 0) {
      return "not well-formed XML at line " + p.getLineNumber() + ", column " + p.getColumnNumber();
    }
    return "not well-formed XML";
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t) || (t instanceof SAXException s && type.isInstance(s.getException()))) {
        return true;
      }
    }
    return false;
  }

  private DocumentBuilder newBuilder() {
    // a factory is not guaranteed thread-safe, even for newDocumentBuilder()
    synchronized (factory) {
      try {
        return factory.newDocumentBuilder();
      } catch (ParserConfigurationException e) {
        throw new IllegalStateException("XML parser cannot be configured securely", e);
      }
    }
  }

  private static DocumentBuilderFactory newFactory(int maxElementDepth, int maxAttributesPerElement) {
    // newDefaultInstance: always the JDK parser, whose security properties are known, even if
    // another parser (e.g. Xerces) is on the classpath
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    try {
      factory.setNamespaceAware(true);
      factory.setValidating(false);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature(DISALLOW_DOCTYPE, true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      // a fully built tree: every node is read anyway (signature digests), and a deferred DOM
      // mutates itself on first read
      factory.setFeature(DEFER_NODE_EXPANSION, false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setAttribute(MAX_ELEMENT_DEPTH, Integer.toString(maxElementDepth));
      factory.setAttribute(ELEMENT_ATTRIBUTE_LIMIT, Integer.toString(maxAttributesPerElement));
    } catch (ParserConfigurationException | IllegalArgumentException e) {
      // fail at start-up rather than run with a weaker parser
      throw new IllegalStateException("XML parser does not support a required security setting", e);
    }
    return factory;
  }
}
