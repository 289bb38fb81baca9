package vn.customs.swg.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.customs.swg.trust.revocation.RevocationAnswer.Status;

/** URLs a certificate names are fetched only when an operator allowed them. */
class UrlAllowListTest extends RevocationFixture {

  @Test
  void certificateUrlsNotOnTheAllowListAreNeverRequested() {
    try (TestServer elsewhere = TestServer.start()) {
      elsewhere.on("/ocsp", pki.responder(clock));
      X509Certificate pointingElsewhere = pki.endEntity(elsewhere.url("/ocsp"), elsewhere.url("/crl"));

      RevocationAnswer answer = checker().check(pointingElsewhere, issuer(), RevocationSources.FROM_CERTIFICATE);

      assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
      assertThat(answer.detail())
          .contains("OCSP " + elsewhere.url("/ocsp") + ": not allowed by gateway.trust.revocation.allowed-urls")
          .contains("CRL " + elsewhere.url("/crl") + ": not allowed by gateway.trust.revocation.allowed-urls");
      assertThat(elsewhere.totalHits()).isZero();
    }
  }

  @Test
  void emptyAllowListFetchesNothingFromCertificates() {
    RevocationChecker checker = new RevocationChecker(settings(1_000_000), clock);

    RevocationAnswer answer = check(checker);

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(server.totalHits()).isZero();
  }

  @Test
  void configuredResponderIsUsedEvenWhenNotOnTheAllowList() {
    RevocationChecker checker = new RevocationChecker(settings(1_000_000), clock);
    X509Certificate withoutUrls = pki.endEntity(null, null);

    RevocationAnswer answer = checker.check(withoutUrls, issuer(),
        new RevocationSources(URI.create(server.url("/ocsp")), List.of()));

    assertThat(answer.status()).isEqualTo(Status.GOOD);
  }

  @Test
  void certificateWithoutUrlsAndNoConfigurationSaysSo() {
    RevocationAnswer answer = checker().check(pki.endEntity(null, null), issuer(), RevocationSources.FROM_CERTIFICATE);

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("no id-ad-ocsp URL in the certificate", "no usable distribution point");
  }

  @Test
  void prefixMatchesAfterNormalisation() throws Exception {
    UrlPolicy policy = new UrlPolicy(List.of("HTTP://CRL.Example.VN"));

    assertThat(policy.fromCertificate("http://crl.example.vn:80/ca/../ca.crl")).hasToString("http://crl.example.vn/ca.crl");
  }

  @Test
  void hostSuffixUserInfoAndPortTricksDoNotMatch() {
    UrlPolicy policy = new UrlPolicy(List.of("http://crl.example.vn"));

    for (String trick : List.of("http://crl.example.vn.evil.test/ca.crl", "http://crl.example.vn@evil.test/ca.crl",
        "http://crl.example.vn:8080/ca.crl", "https://crl.example.vn/ca.crl")) {
      assertThatThrownBy(() -> policy.fromCertificate(trick)).as(trick).isInstanceOf(UnusableSourceException.class);
    }
  }

  @Test
  void pathPrefixCannotBeEscapedWithDotSegments() {
    UrlPolicy policy = new UrlPolicy(List.of("http://crl.example.vn/ca/"));

    assertThatThrownBy(() -> policy.fromCertificate("http://crl.example.vn/ca/../admin")).hasMessage(UrlPolicy.NOT_ALLOWED);
    assertThatThrownBy(() -> policy.fromCertificate("http://crl.example.vn/ca/%2e%2e/admin"))
        .hasMessageContaining("encoded");
  }

  @Test
  void onlyHttpAndHttpsAreFetchedFromCertificates() {
    UrlPolicy policy = new UrlPolicy(List.of("ldap://crl.example.vn/", "http://crl.example.vn/"));

    assertThatThrownBy(() -> policy.fromCertificate("ldap://crl.example.vn/cn=ca?certificateRevocationList"))
        .hasMessageContaining("scheme ldap is not fetched");
    assertThatThrownBy(() -> policy.fromCertificate("file:///etc/passwd")).hasMessageContaining("scheme file");
  }
}
