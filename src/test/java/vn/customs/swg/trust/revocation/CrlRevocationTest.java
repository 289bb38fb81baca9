package vn.customs.swg.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.swg.trust.revocation.RevocationAnswer.Source;
import vn.customs.swg.trust.revocation.RevocationAnswer.Status;

/** CRL answers, reached because OCSP is unusable (the responder fails with HTTP 500 here). */
class CrlRevocationTest extends RevocationFixture {

  @TempDir
  Path folder;

  @BeforeEach
  void ocspDown() {
    server.on("/ocsp", body -> {
      throw new IllegalStateException("responder broken");
    });
  }

  @Test
  void serialOnTheCrlIsRevokedWithItsRevocationDate() {
    serveCrl(currentCrl(certificate));

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.REVOKED);
    assertThat(answer.source()).isEqualTo(Source.CRL);
    assertThat(answer.revokedAt()).isEqualTo(clock.instant().minus(Duration.ofHours(1)));
    assertThat(answer.crlNumber()).isEqualTo(7);
    assertThat(answer.detail()).contains("per CRL #7 from " + server.url("/crl"));
  }

  @Test
  void serialNotOnTheCrlIsGoodWithTheCrlTimes() {
    serveCrl(currentCrl(pki.endEntity(null, null)));

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.GOOD);
    assertThat(answer.thisUpdate()).isEqualTo(clock.instant().minus(Duration.ofMinutes(5)));
    assertThat(answer.nextUpdate()).isEqualTo(clock.instant().plus(Duration.ofHours(6)));
    assertThat(answer.evidence()).isNull();
  }

  @Test
  void staleCrlIsUnavailable() {
    serveCrl(pki.crl(pki.ca, clock.instant().minus(Duration.ofDays(2)), clock.instant().minus(Duration.ofDays(1)), Map.of(), 3));

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("CRL " + server.url("/crl") + ": stale: nextUpdate");
  }

  @Test
  void crlWithoutNextUpdateIsUnavailable() {
    serveCrl(pki.crl(pki.ca, clock.instant().minus(Duration.ofMinutes(5)), null, Map.of(), 3));

    assertThat(check(checker()).detail()).contains("CRL states no nextUpdate");
  }

  @Test
  void crlFromAnotherCaIsUnavailable() {
    serveCrl(pki.crl(pki.otherCa, clock.instant().minus(Duration.ofMinutes(5)), clock.instant().plus(Duration.ofHours(6)),
        Map.of(), 3));

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("CRL issued by CN=Other Bank CA");
  }

  @Test
  void crlWithTheIssuersNameButSignedByAnotherKeyIsUnavailable() {
    serveCrl(pki.crl(pki.impostorCa, clock.instant().minus(Duration.ofMinutes(5)), clock.instant().plus(Duration.ofHours(6)),
        Map.of(), 3));

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("CRL signature does not verify with the issuer's key");
  }

  @Test
  void crlLargerThanTheCapIsUnavailableBeforeReading() {
    X509CRL big = bigCrl();
    serveCrl(big);
    RevocationChecker checker = new RevocationChecker(settings(RevocationPki.der(big).length - 1, server.prefix()), clock);

    RevocationAnswer answer = check(checker);

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("larger than " + (RevocationPki.der(big).length - 1) + " bytes");
  }

  @Test
  void streamedCrlLargerThanTheCapIsAbandonedAtTheCap() {
    X509CRL big = bigCrl();
    serveCrl(big);
    server.streamed("/crl");
    RevocationChecker checker = new RevocationChecker(settings(4096, server.prefix()), clock);

    RevocationAnswer answer = check(checker);

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("CRL " + server.url("/crl") + ": larger than 4096 bytes");
  }

  @Test
  void crlExactlyAtTheCapIsRead() {
    X509CRL crl = currentCrl(certificate);
    serveCrl(crl);
    server.streamed("/crl");
    RevocationChecker checker = new RevocationChecker(settings(RevocationPki.der(crl).length, server.prefix()), clock);

    assertThat(check(checker).status()).isEqualTo(Status.REVOKED);
  }

  @Test
  void configuredFileCrlInDerIsRead() throws Exception {
    Path file = folder.resolve("ca.crl");
    Files.write(file, RevocationPki.der(currentCrl(certificate)));

    RevocationAnswer answer = checker().check(certificate, issuer(), new RevocationSources(null, List.of(file.toUri())));

    assertThat(answer.status()).isEqualTo(Status.REVOKED);
    assertThat(answer.detail()).contains("from " + file.toUri());
    assertThat(server.hits("/crl")).isZero();
  }

  @Test
  void configuredFileCrlInPemIsRead() throws Exception {
    Path file = folder.resolve("ca.pem");
    Files.write(file, RevocationPki.pem(currentCrl()));

    RevocationAnswer answer = checker().check(certificate, issuer(), new RevocationSources(null, List.of(file.toUri())));

    assertThat(answer.status()).isEqualTo(Status.GOOD);
    assertThat(answer.source()).isEqualTo(Source.CRL);
  }

  @Test
  void missingConfiguredFileIsUnavailable() {
    URI missing = folder.resolve("absent.crl").toUri();

    RevocationAnswer answer = checker().check(certificate, issuer(), new RevocationSources(null, List.of(missing)));

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("CRL " + missing + ": file not found");
  }

  @Test
  void fileUrlInTheCertificateIsNeverRead() throws Exception {
    Path file = folder.resolve("ca.crl");
    Files.write(file, RevocationPki.der(currentCrl()));
    X509Certificate pointingAtFile = pki.endEntity(null, file.toUri().toString());

    RevocationAnswer answer = checker().check(pointingAtFile, issuer(), RevocationSources.FROM_CERTIFICATE);

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("not allowed by gateway.trust.revocation.allowed-urls (scheme file is not fetched)");
  }

  @Test
  void configuredCrlReplacesTheCertificatesDistributionPoint() {
    server.on("/configured.crl", body -> RevocationPki.der(currentCrl(certificate)));
    RevocationSources sources = new RevocationSources(null, List.of(URI.create(server.url("/configured.crl"))));

    RevocationAnswer answer = checker().check(certificate, issuer(), sources);

    assertThat(answer.status()).isEqualTo(Status.REVOKED);
    assertThat(server.hits("/crl")).isZero();
  }

  @Test
  void oneCrlFetchServesManyCertificates() {
    serveCrl(currentCrl());
    RevocationChecker checker = checker();

    for (int i = 0; i < 20; i++) {
      X509Certificate another = pki.endEntity(null, server.url("/crl"));
      assertThat(checker.check(another, issuer(), RevocationSources.FROM_CERTIFICATE).status()).isEqualTo(Status.GOOD);
    }

    assertThat(server.hits("/crl")).isEqualTo(1);
  }

  @Test
  void crlIsFetchedAgainAfterItsNextUpdate() {
    serveCrl(currentCrl());
    RevocationChecker checker = checker();
    checker.check(pki.endEntity(null, server.url("/crl")), issuer(), RevocationSources.FROM_CERTIFICATE);

    clock.advance(Duration.ofHours(7));
    serveCrl(currentCrl(certificate));
    Instant now = clock.instant();
    RevocationAnswer answer = checker.check(certificate, issuer(), RevocationSources.FROM_CERTIFICATE);

    assertThat(answer.status()).isEqualTo(Status.REVOKED);
    assertThat(answer.thisUpdate()).isEqualTo(now.minus(Duration.ofMinutes(5)));
    assertThat(server.hits("/crl")).isEqualTo(2);
  }

  private X509CRL bigCrl() {
    return pki.crl(pki.ca.name(), pki.ca.keys().getPrivate(), clock.instant().minus(Duration.ofMinutes(5)),
        clock.instant().plus(Duration.ofHours(6)), Map.of(), 9, 2_000);
  }
}
