package vn.customs.swg.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.customs.swg.admission.Examples.utf8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;

class HardenedXmlParserTest {

  private final HardenedXmlParser parser = new HardenedXmlParser(4096, 5, 3);

  @Test
  void parsesNamespacedUtf8Document() {
    Document document = parser.parse(utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<t:a xmlns:t=\"urn:t\"><t:b>Chữ ký số không hợp lệ</t:b></t:a>"));

    assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo("urn:t");
    assertThat(document.getDocumentElement().getLocalName()).isEqualTo("a");
    assertThat(document.getDocumentElement().getTextContent()).isEqualTo("Chữ ký số không hợp lệ");
  }

  @Test
  void acceptsLowerCaseUtf8Declaration() {
    assertThat(parser.parse(utf8("<?xml version='1.0' encoding='utf-8'?><a/>"))).isNotNull();
  }

  @Test
  void acceptsUtf8ByteOrderMark() {
    byte[] withBom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("<?xml version=\"1.0\"?><a>é</a>"));

    assertThat(parser.parse(withBom).getDocumentElement().getTextContent()).isEqualTo("é");
  }

  @Test
  void rejectsCommentSplittingATextNode() {
    // C14N drops comments, so a comment added after signing would leave the signature valid while
    // a reader of the first text node sees "012" (the SAML comment-truncation attack)
    assertRejected("<a><b>012<!-- -->03001</b></a>", ErrorCode.ENV_001).hasMessageContaining("comments");
  }

  @Test
  void rejectsProcessingInstructionsAnywhere() {
    assertRejected("<a><b><?app do-something?></b></a>", ErrorCode.ENV_001).hasMessageContaining("processing instructions");
    assertRejected("<?xml-stylesheet href=\"http://127.0.0.1:1/x.xsl\"?><a/>", ErrorCode.ENV_001)
        .hasMessageContaining("processing instructions");
  }

  @Test
  void acceptsCommentsOutsideTheRootElement() {
    Document document = parser.parse(utf8("<?xml version=\"1.0\"?><!-- made by a partner's tool --><a>x</a><!-- end -->"));

    assertThat(document.getDocumentElement().getTextContent()).isEqualTo("x");
  }

  @Test
  void rejectsDoctypeWithEntity() {
    assertRejected("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", ErrorCode.ENV_001).hasMessageContaining("DOCTYPE");
  }

  @Test
  @org.junit.jupiter.api.Timeout(10)
  void rejectsBillionLaughs() {
    String lol = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
        + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
        + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
        + "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
        + "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
        + "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
        + "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
        + "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>"
        + "<lolz>&lol9;</lolz>";
    // Refused at the DOCTYPE, before any expansion; the method's @Timeout only guards against a hang.
    assertRejected(lol, ErrorCode.ENV_001).hasMessageContaining("DOCTYPE");
  }

  @Test
  void rejectsExternalEntityReadingLocalFile() {
    assertRejected("<!DOCTYPE a [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><a>&xxe;</a>", ErrorCode.ENV_001)
        .hasMessageNotContaining("root:");
  }

  @Test
  void rejectsExternalDtd() {
    assertRejected("<!DOCTYPE a SYSTEM \"http://127.0.0.1:9/evil.dtd\"><a/>", ErrorCode.ENV_001);
  }

  @Test
  void rejectsExternalParameterEntity() {
    assertRejected("<!DOCTYPE a [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/p.dtd\"> %p;]><a/>", ErrorCode.ENV_001);
  }

  @Test
  void rejectsUndeclaredEntityReference() {
    assertRejected("<a>&undeclared;</a>", ErrorCode.ENV_001);
  }

  @Test
  void leavesXIncludeUnprocessed() {
    Document document = parser.parse(utf8("<a xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
        + "<xi:include href=\"file:///etc/hostname\" parse=\"text\"/></a>"));

    assertThat(document.getDocumentElement().getTextContent()).isEmpty();
    assertThat(document.getElementsByTagNameNS("http://www.w3.org/2001/XInclude", "include").getLength()).isEqualTo(1);
  }

  @Test
  void rejectsUtf16Declaration() {
    assertRejected("<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>", ErrorCode.ENV_001)
        .hasMessageContaining("encoding other than UTF-8");
  }

  @Test
  void rejectsLatin1DeclarationWithoutEchoingIt() {
    byte[] latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\u00e9</a>".getBytes(StandardCharsets.ISO_8859_1);

    assertRejected(latin1, ErrorCode.ENV_001).hasMessageNotContaining("ISO-8859-1");
  }

  @Test
  void rejectsLatin1BytesWithoutDeclaration() {
    byte[] latin1 = "<a>Hu\u00e9</a>".getBytes(StandardCharsets.ISO_8859_1);

    assertRejected(latin1, ErrorCode.ENV_001).hasMessageContaining("not valid UTF-8");
  }

  @Test
  void rejectsUtf16ByteOrderMark() {
    // Java's UTF-16 encoder writes a big-endian byte-order mark
    assertRejected("<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>".getBytes(StandardCharsets.UTF_16), ErrorCode.ENV_001)
        .hasMessageContaining("byte-order mark");
  }

  @Test
  void rejectsUtf16LittleEndianWithoutByteOrderMark() {
    assertRejected("<a/>".getBytes(StandardCharsets.UTF_16LE), ErrorCode.ENV_001).hasMessageContaining("UTF-16");
  }

  @Test
  void rejectsUtf32ByteOrderMark() {
    byte[] utf32 = concat(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}, "<a/>".getBytes(Charset.forName("UTF-32BE")));

    assertRejected(utf32, ErrorCode.ENV_001);
  }

  @Test
  void rejectsXml11Declaration() {
    assertRejected("<?xml version=\"1.1\" encoding=\"UTF-8\"?><a/>", ErrorCode.ENV_001).hasMessageContaining("version");
  }

  @Test
  void rejectsEmptyInput() {
    assertRejected(new byte[0], ErrorCode.ENV_001);
  }

  @Test
  void rejectsTextThatIsNotXml() {
    assertRejected("{\"messageId\": \"x\"}", ErrorCode.ENV_001);
  }

  @Test
  void rejectsMalformedXmlWithoutEchoingIt() {
    assertRejected("<a><secret-7f3a9></a>", ErrorCode.ENV_001)
        .hasMessageContaining("line 1")
        .hasMessageNotContaining("secret-7f3a9");
  }

  @Test
  void rejectsUndeclaredNamespacePrefix() {
    assertRejected("<x:a/>", ErrorCode.ENV_001);
  }

  @Test
  void rejectsMessageOverByteLimit() {
    byte[] tooLarge = utf8("<a>" + "x".repeat(4096) + "</a>");

    assertRejected(tooLarge, ErrorCode.ENV_005).hasMessageContaining("4096");
  }

  @Test
  void acceptsNestingAtDepthLimit() {
    assertThat(parser.parse(utf8("<a><b><c><d><e/></d></c></b></a>"))).isNotNull();
  }

  @Test
  void rejectsNestingBeyondDepthLimit() {
    assertRejected("<a><b><c><d><e><f/></e></d></c></b></a>", ErrorCode.ENV_001).hasMessageContaining("deeper than 5");
  }

  @Test
  void rejectsTooManyAttributes() {
    assertThat(parser.parse(utf8("<a x='1' y='2' z='3'/>"))).isNotNull();
    assertRejected("<a x='1' y='2' z='3' w='4'/>", ErrorCode.ENV_001).hasMessageContaining("more than 3 attributes");
  }

  @Test
  void neverWritesToStandardError() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      for (String bad : List.of("<a>", "<!DOCTYPE a><a/>", "<a>&x;</a>", "<a b='1' b='2'/>", "<a></b>")) {
        assertThatThrownBy(() -> parser.parse(utf8(bad))).isInstanceOf(MessageRejectedException.class);
      }
    } finally {
      System.setErr(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void parsesSafelyFromManyThreads() throws Exception {
    HardenedXmlParser shared = HardenedXmlParser.withDefaults();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String name = "e" + i;
        // every other document is broken, so a builder is reused after a failure too
        String xml = i % 2 == 0 ? "<" + name + "><c>" + i + "</c></" + name + ">" : "<" + name + ">";
        results.add(pool.submit(() -> {
          try {
            return shared.parse(utf8(xml)).getDocumentElement().getTagName();
          } catch (MessageRejectedException e) {
            return e.errorCode().name();
          }
        }));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? "e" + i : "ENV_001");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesLimitsThatMeanUnlimited() {
    assertThatThrownBy(() -> new HardenedXmlParser(1024, 0, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String xml, ErrorCode code) {
    return assertRejected(utf8(xml), code);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(byte[] bytes, ErrorCode code) {
    return assertThatThrownBy(() -> parser.parse(bytes))
        .isInstanceOf(MessageRejectedException.class)
        .satisfies(e -> assertThat(((MessageRejectedException) e).errorCode()).isEqualTo(code));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
