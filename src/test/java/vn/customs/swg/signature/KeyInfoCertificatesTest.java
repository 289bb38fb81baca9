package vn.customs.swg.signature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyInfoCertificatesTest {

  @Test
  void removesExactlyWhatTheRegexWhitespaceClassRemoved() {
    // Every char up to U+3000: ASCII whitespace goes, the rest (no-break space, line separator,
    // ideographic space...) stays and makes the strict Base64 decoder refuse the certificate, as before.
    StringBuilder all = new StringBuilder();
    for (char c = 0; c <= 0x3000; c++) {
      all.append('A').append(c);
    }
    String text = all.toString();

    assertThat(KeyInfoCertificates.withoutWhitespace(text)).isEqualTo(text.replaceAll("\\s", ""));
  }

  @Test
  void keepsBase64LinesTogether() {
    assertThat(KeyInfoCertificates.withoutWhitespace("MIIB\r\n\tAbC+/=\u000B\f xyz")).isEqualTo("MIIBAbC+/=xyz");
  }
}
