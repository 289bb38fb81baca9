package vn.customs.swg.admission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The example envelopes shipped beside each message type's schema, as text to read or alter. */
final class Examples {

  static final String LICENCE_RESULT = "schemas/ministry/licence-result/";
  static final String TAX_PAYMENT_NOTICE = "schemas/bank/tax-payment-notice/";
  static final String TAX_PAYMENT_CONFIRMATION = "schemas/bank/tax-payment-confirmation/";
  static final String EFORM_D = "schemas/asw/eform-d/";
  static final String EFORM_D_STATUS = "schemas/asw/eform-d-status/";
  static final String ACDD = "schemas/asw/acdd/";

  private Examples() {
  }

  /** The example.xml in a message type's folder. */
  static String example(String folder) {
    return resource(folder + "example.xml");
  }

  /** The example with one exact piece of text replaced; fails if the piece is not there. */
  static String alter(String folder, String from, String to) {
    String text = example(folder);
    if (!text.contains(from)) {
      throw new IllegalArgumentException("example " + folder + " has no " + from);
    }
    return text.replace(from, to);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String resource(String name) {
    try (InputStream in = Examples.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
