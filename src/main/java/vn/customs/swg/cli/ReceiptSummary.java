package vn.customs.swg.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.schema.envelope.LocalizedText;
import vn.customs.swg.schema.envelope.Receipt;
import vn.customs.swg.schema.envelope.ReceiptError;

/**
 * What a receipt says (ENVELOPE.md section 5): its status, the messageId it answers and each
 * error with its English text, read from {@code Body/Receipt} with the JAXB classes generated from
 * schemas/receipt. The English text is the receipt's
 * own {@code text xml:lang="en"}, or the contract's when the receipt has none.
 *
 * @param status ACCEPTED, DUPLICATE or REJECTED, as written
 * @param refToMessageId the answered messageId, or null when the gateway could not read it
 */
record ReceiptSummary(String status, String refToMessageId, List<Error> errors) {

  // Building a JAXB context costs milliseconds; it is thread-safe, so the bench's thousands of
  // receipts share one (unmarshallers are not shared).
  private static final JAXBContext RECEIPT_CONTEXT = context();

  /** One error line of a receipt. */
  record Error(String code, String english) {}

  /** The receipt of this envelope, or null when it is not a receipt. */
  static ReceiptSummary of(Document envelope) {
    Element element = EnvelopeParts.find(envelope, "Body", "Receipt");
    if (element == null) {
      return null;
    }
    Receipt receipt = unmarshal(element);
    if (receipt == null || receipt.getStatus() == null) {
      return null;
    }
    List<Error> errors = new ArrayList<>();
    for (ReceiptError error : receipt.getError()) {
      errors.add(new Error(error.getCode(), englishText(error)));
    }
    return new ReceiptSummary(receipt.getStatus().value(),
        EnvelopeParts.text(envelope, "Header", "Reference", "refToMessageId"), List.copyOf(errors));
  }

  // Read through the classes generated from schemas/receipt: the same ones a partner can generate
  // from the published schema. The element comes from an already hardened parse.
  private static Receipt unmarshal(Element element) {
    try {
      return RECEIPT_CONTEXT.createUnmarshaller().unmarshal(element, Receipt.class).getValue();
    } catch (JAXBException e) {
      return null;
    }
  }

  // JAXB finds its implementation through the thread's context class loader. In the executable
  // jar, threads of the common fork-join pool (the bench checks receipts in parallel) have the
  // system class loader there, which cannot see the jar's nested libraries: use ours.
  private static JAXBContext context() {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(Receipt.class.getClassLoader());
    try {
      return JAXBContext.newInstance(Receipt.class);
    } catch (JAXBException e) {
      throw new IllegalStateException("the receipt classes generated from schemas/receipt do not load", e);
    } finally {
      thread.setContextClassLoader(previous);
    }
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

  private static String englishText(ReceiptError error) {
    for (LocalizedText text : error.getText()) {
      if ("en".equals(text.getLang())) {
        return text.getValue().trim();
      }
    }
    try {
      return ErrorCode.ofCode(error.getCode()).english();
    } catch (IllegalArgumentException | NullPointerException e) {
      return "(no English text)";
    }
  }
}
