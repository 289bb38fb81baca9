package vn.customs.swg.admission;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;

/**
 * Decides, from the first bytes alone, whether a message can be UTF-8 XML 1.0: it refuses
 * UTF-16 and UTF-32 (with or without a byte-order mark), an XML declaration that names another
 * encoding or another XML version, and anything that does not start like XML. A UTF-8
 * byte-order mark is accepted, because the XML specification allows it and some .NET and
 * Windows clients always write one; the parser skips it. Invalid UTF-8 byte sequences further
 * on are left to the parser, which decodes strictly.
 */
final class EncodingGuard {

  // The declaration must be the very first thing (XML 1.0 section 2.8); 256 bytes is far more
  // than any real one needs and bounds the work done on hostile input.
  private static final int MAX_DECLARATION_BYTES = 256;
  private static final Pattern ENCODING = Pattern.compile("\\sencoding\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");
  private static final Pattern VERSION = Pattern.compile("\\sversion\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");

  private EncodingGuard() {
  }

  /** Throws {@link ErrorCode#ENV_001} unless the bytes may be a UTF-8 XML 1.0 document. */
  static void requireUtf8Xml(byte[] bytes) {
    if (bytes.length == 0) {
      throw reject("the message is empty");
    }
    if (startsWith(bytes, 0, 0xFE, 0xFF) || startsWith(bytes, 0, 0xFF, 0xFE)
        || startsWith(bytes, 0, 0x00, 0x00, 0xFE, 0xFF)) {
      throw reject("a UTF-16 or UTF-32 byte-order mark was found; only UTF-8 is accepted");
    }
    int start = startsWith(bytes, 0, 0xEF, 0xBB, 0xBF) ? 3 : 0;
    for (int i = start; i < Math.min(bytes.length, start + 4); i++) {
      // NUL never occurs in XML 1.0; in the first bytes it is the mark of UTF-16 or UTF-32
      if (bytes[i] == 0) {
        throw reject("the message looks like UTF-16 or UTF-32; only UTF-8 is accepted");
      }
    }
    if (start >= bytes.length || !startsLikeXml(bytes[start])) {
      throw reject("the message does not start with an XML declaration or element");
    }
    checkDeclaration(bytes, start);
  }

  private static void checkDeclaration(byte[] bytes, int start) {
    String head = new String(bytes, start, Math.min(bytes.length - start, MAX_DECLARATION_BYTES),
        StandardCharsets.ISO_8859_1);
    if (!head.startsWith("<?xml") || head.length() < 6 || !isXmlSpace(head.charAt(5))) {
      return; // no declaration: XML 1.0 in UTF-8 by default
    }
    int end = head.indexOf("?>");
    if (end < 0) {
      return; // malformed or overlong declaration: the parser reports it
    }
    String declaration = head.substring(0, end);
    String encoding = value(ENCODING.matcher(declaration));
    if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
      // the declared name is not echoed: it is partner input
      throw reject("the XML declaration names an encoding other than UTF-8");
    }
    String version = value(VERSION.matcher(declaration));
    if (version != null && !version.equals("1.0")) {
      // XML 1.1 allows control characters and other line ends; C14N and our schemas assume 1.0
      throw reject("the XML declaration names a version other than 1.0");
    }
  }

  private static String value(Matcher matcher) {
    if (!matcher.find()) {
      return null;
    }
    return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
  }

  private static boolean startsLikeXml(byte first) {
    return first == '<' || isXmlSpace((char) first);
  }

  private static boolean isXmlSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean startsWith(byte[] bytes, int offset, int... prefix) {
    if (bytes.length - offset < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[offset + i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static MessageRejectedException reject(String detail) {
    return new MessageRejectedException(ErrorCode.ENV_001, detail);
  }
}
