package vn.customs.swg.admission;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.validation.Validator;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Stops schema processing at the first error and remembers where it happened, so a rejection
 * names one precise fault. Warnings are ignored and nothing is ever printed (the JDK default
 * handler writes to stderr). The reason is the validator's own message (it names the element and
 * the rule), with long quoted values cut short so that a rejection never carries a large piece of
 * the message back.
 */
final class FirstViolation implements ErrorHandler {

  // JDK DOM validation exposes the element being validated (Xerces DOMValidatorHelper)
  private static final String CURRENT_ELEMENT = "http://apache.org/xml/properties/dom/current-element-node";
  // Xerces writes element names as {"namespace":local, ...}; local names are what a reader needs
  private static final Pattern NAME_LIST = Pattern.compile("\\{(\"[^{}]*)}");
  private static final Pattern NAMESPACE_PART = Pattern.compile("\"[^\"]*\":");
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
  private static final int MAX_QUOTED = 64;
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\s]+");
  private static final int MAX_REASON = 400;

  private final Validator validator;
  private Element element;

  /** @param validator the validator to ask for the current element, or null when there is none */
  FirstViolation(Validator validator) {
    this.validator = validator;
  }

  @Override
  public void warning(SAXParseException exception) {
    // not a violation
  }

  @Override
  public void error(SAXParseException exception) throws SAXException {
    remember();
    throw exception;
  }

  @Override
  public void fatalError(SAXParseException exception) throws SAXException {
    remember();
    throw exception;
  }

  /** The location of the failing element, or of {@code fallback} when it is unknown. */
  String location(Element fallback) {
    return NodePath.of(element != null ? element : fallback);
  }

  /** A short, bounded reason for the failure that names the failing element. */
  String reason(Exception failure) {
    String message = failure.getMessage() == null ? "schema violation" : failure.getMessage();
    message = CONTROL.matcher(message).replaceAll(" ").strip();
    message = NAME_LIST.matcher(message)
        .replaceAll(names -> Matcher.quoteReplacement(NAMESPACE_PART.matcher(names.group(1)).replaceAll("")));
    message = shortenQuotes(message);
    if (element != null && !message.contains(element.getLocalName())) {
      // facet messages name only the value and the type
      message = message + " (element " + element.getNodeName() + ")";
    }
    return message.length() <= MAX_REASON ? message : message.substring(0, MAX_REASON) + "...";
  }

  private static String shortenQuotes(String message) {
    Matcher quoted = QUOTED.matcher(message);
    StringBuilder out = new StringBuilder();
    while (quoted.find()) {
      String value = quoted.group(1);
      String shown = value.length() <= MAX_QUOTED ? value : value.substring(0, MAX_QUOTED) + "...";
      quoted.appendReplacement(out, Matcher.quoteReplacement("'" + shown + "'"));
    }
    quoted.appendTail(out);
    return out.toString();
  }

  private void remember() {
    if (validator == null || element != null) {
      return;
    }
    try {
      Object node = validator.getProperty(CURRENT_ELEMENT);
      if (node instanceof Element e) {
        element = e;
      } else if (node instanceof Node n && n.getParentNode() instanceof Element parent) {
        element = parent;
      }
    } catch (SAXException e) {
      // the location is a convenience; the reason still names the element
    }
  }
}
