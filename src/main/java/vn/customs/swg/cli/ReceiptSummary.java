package vn.customs.swg.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.customs.swg.ErrorCode;

/**
 * What a receipt says (ENVELOPE.md section 5): its status, the messageId it answers and each
 * error with its English text, read from {@code Body/Receipt}. The English text is the receipt's
 * own {@code text xml:lang="en"}, or the contract's when the receipt has none.
 *
 * @param status ACCEPTED, DUPLICATE or REJECTED, as written
 * @param refToMessageId the answered messageId, or null when the gateway could not read it
 */
record ReceiptSummary(String status, String refToMessageId, List<Error> errors) {

  /** One error line of a receipt. */
  record Error(String code, String english) {}

  /** The receipt of this envelope, or null when it is not a receipt. */
  static ReceiptSummary of(Document envelope) {
    Element receipt = EnvelopeParts.find(envelope, "Body", "Receipt");
    String status = EnvelopeParts.text(envelope, "Body", "Receipt", "status");
    if (receipt == null || status == null) {
      return null;
    }
    List<Error> errors = new ArrayList<>();
    for (Element error : EnvelopeParts.children(receipt, "error")) {
      String code = firstText(error, "code");
      errors.add(new Error(code, englishText(error, code)));
    }
    return new ReceiptSummary(status, EnvelopeParts.text(envelope, "Header", "Reference", "refToMessageId"),
        List.copyOf(errors));
  }

  boolean acceptedOrDuplicate() {
    return "ACCEPTED".equals(status) || "DUPLICATE".equals(status);
  }

  void print(PrintStream out) {
    out.printf("%-16s %s%n", "status", printable(status));
    for (Error error : errors) {
      out.printf("%-16s %s  %s%n", "error", printable(error.code()), printable(error.english()));
    }
  }

  /** Receipt text comes from the network: no control characters reach the terminal. */
  static String printable(String text) {
    return text == null ? "-" : text.replaceAll("\\p{Cntrl}", "?");
  }

  private static String englishText(Element error, String code) {
    for (Element text : EnvelopeParts.children(error, "text")) {
      if ("en".equals(text.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang"))) {
        return text.getTextContent().trim();
      }
    }
    try {
      return ErrorCode.ofCode(code).english();
    } catch (IllegalArgumentException e) {
      return "(no English text)";
    }
  }

  private static String firstText(Element parent, String localName) {
    List<Element> found = EnvelopeParts.children(parent, localName);
    return found.isEmpty() ? "?" : found.get(0).getTextContent().trim();
  }
}
