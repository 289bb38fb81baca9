package vn.customs.swg.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.junit.jupiter.api.Test;
import vn.customs.swg.trust.revocation.RevocationAnswer.Source;
import vn.customs.swg.trust.revocation.RevocationAnswer.Status;

/** OCSP answers: which are used, which are refused, and how the checker falls back to CRLs. */
class OcspRevocationTest extends RevocationFixture {

  @Test
  void goodAnswerFromTheIssuerIsUsedWithTheResponseAsEvidence() throws Exception {
    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.GOOD);
    assertThat(answer.source()).isEqualTo(Source.OCSP);
    assertThat(answer.thisUpdate()).isEqualTo(clock.instant().minus(Duration.ofMinutes(1)));
    assertThat(answer.nextUpdate()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
    assertThat(new OCSPResp(answer.evidence()).getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
    assertThat(answer.detail()).contains("good per OCSP " + server.url("/ocsp"), "the issuing CA");
    assertThat(server.hits("/crl")).isZero();
  }

  @Test
  void revokedAnswerIsFinalAndNoCrlIsConsulted() {
    Instant revokedAt = clock.instant().minus(Duration.ofDays(2));
    responder.revoke(certificate, revokedAt);
    serveCrl(currentCrl());

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.REVOKED);
    assertThat(answer.source()).isEqualTo(Source.OCSP);
    assertThat(answer.revokedAt()).isEqualTo(revokedAt);
    assertThat(answer.evidence()).isNotEmpty();
    assertThat(server.hits("/crl")).isZero();
  }

  @Test
  void unknownStatusFallsBackToTheCrl() {
    responder.unknown(certificate);
    serveCrl(currentCrl());

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.GOOD);
    assertThat(answer.source()).isEqualTo(Source.CRL);
    assertThat(answer.crlNumber()).isEqualTo(7);
    assertThat(server.hits("/ocsp")).isEqualTo(1);
    assertThat(server.hits("/crl")).isEqualTo(1);
  }

  @Test
  void unknownStatusWithoutACrlIsUnavailableNamingBothSources() {
    responder.unknown(certificate);

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.source()).isNull();
    assertThat(answer.detail())
        .contains("OCSP " + server.url("/ocsp") + ": status unknown")
        .contains("CRL " + server.url("/crl") + ": HTTP status 404");
  }

  @Test
  void responderDownFallsBackToTheCrl() {
    serveCrl(currentCrl());
    URI dead = URI.create("http://127.0.0.1:" + TestServer.deadPort() + "/ocsp");

    RevocationAnswer answer = checker().check(certificate, issuer(), new RevocationSources(dead, List.of()));

    assertThat(answer.status()).isEqualTo(Status.GOOD);
    assertThat(answer.source()).isEqualTo(Source.CRL);
    assertThat(server.hits("/ocsp")).isZero();
  }

  @Test
  void responderDownAndNoCrlSaysConnectionFailed() {
    URI dead = URI.create("http://127.0.0.1:" + TestServer.deadPort() + "/ocsp");

    RevocationAnswer answer = checker().check(certificate, issuer(), new RevocationSources(dead, List.of()));

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("OCSP " + dead + ": connection failed");
  }

  @Test
  void slowResponderTimesOutAndFallsBackWithinTheTimeout() {
    responder.delayMillis = 3_000;
    serveCrl(currentCrl());

    RevocationAnswer answer = check(checker());

    // The responder would have answered GOOD by OCSP after 3 s: a CRL answer proves the timeout cut it off.
    assertThat(answer.status()).isEqualTo(Status.GOOD);
    assertThat(answer.source()).isEqualTo(Source.CRL);
  }

  @Test
  void slowResponderWithoutCrlIsUnavailableSayingTimedOut() {
    responder.delayMillis = 3_000;

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("timed out after 300 ms");
  }

  @Test
  void responseSignedByAnUnrelatedKeyIsRefused() {
    responder.signedBy(RevocationPki.rsa());

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("unauthorised responder");
  }

  @Test
  void responseNamingTheIssuerButSignedByAnotherKeyIsRefused() {
    responder.signingKey = pki.impostorCa.keys().getPrivate();

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("signature does not verify with the issuer's key");
  }

  @Test
  void delegatedResponderWithOcspSigningIsAccepted() {
    responder.signedBy(pki.responderKeys(), pki.responder(pki.ca, true));

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.GOOD);
    assertThat(answer.detail()).contains("delegated responder CN=OCSP Responder");
  }

  @Test
  void delegatedResponderWithoutOcspSigningIsRefused() {
    responder.signedBy(pki.responderKeys(), pki.responder(pki.ca, false));

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("unauthorised responder", "no id-kp-OCSPSigning");
  }

  @Test
  void delegatedResponderCertifiedByAnotherCaIsRefused() {
    responder.signedBy(pki.responderKeys(), pki.responder(pki.otherCa, true));

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("unauthorised responder", "not issued by the certificate's issuer");
  }

  @Test
  void delegatedResponderCertifiedByAnImpostorWithTheIssuersNameIsRefused() {
    responder.signedBy(pki.responderKeys(), pki.responder(pki.impostorCa, true));

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("unauthorised responder", "not signed by the certificate's issuer");
  }

  @Test
  void mismatchedNonceIsRefused() {
    responder.nonce = RevocationPki.NonceMode.WRONG;

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("nonce does not match");
  }

  @Test
  void missingNonceIsAcceptedAsForPreProducedResponses() {
    responder.nonce = RevocationPki.NonceMode.OMIT;

    assertThat(check(checker()).status()).isEqualTo(Status.GOOD);
  }

  @Test
  void staleResponseIsRefused() {
    responder.thisUpdateAge = Duration.ofHours(2);
    responder.nextUpdateIn = Duration.ofMinutes(-10);

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("stale: nextUpdate");
  }

  @Test
  void responseFromTheFutureIsRefused() {
    responder.thisUpdateAge = Duration.ofMinutes(-10);

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("is in the future");
  }

  @Test
  void nextUpdateJustPastButWithinClockSkewIsAccepted() {
    responder.nextUpdateIn = Duration.ofMinutes(-1);

    assertThat(check(checker()).status()).isEqualTo(Status.GOOD);
  }

  @Test
  void tryLaterFallsBackToTheCrl() {
    responder.responseStatus = OCSPRespBuilder.TRY_LATER;
    serveCrl(currentCrl());

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.GOOD);
    assertThat(answer.source()).isEqualTo(Source.CRL);
  }

  @Test
  void garbageInsteadOfAnOcspResponseIsRefused() {
    server.on("/ocsp", body -> "<html>maintenance</html>".getBytes());

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("malformed response");
  }

  @Test
  void answerForAnotherCertificateIsRefused() {
    var other = pki.endEntity(null, null);
    server.on("/ocsp", body -> {
      // Answers a request for `other`, whatever was asked: a misrouted or replayed response.
      var request = new org.bouncycastle.cert.ocsp.OCSPReqBuilder().addRequest(pki.certificateId(other)).build();
      return responder.handle(request.getEncoded());
    });

    RevocationAnswer answer = check(checker());

    assertThat(answer.status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(answer.detail()).contains("no response for the certificate's CertID");
  }
}
