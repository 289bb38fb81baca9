package vn.customs.swg.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.config.GatewayProperties.RevocationPolicy;
import vn.customs.swg.testsupport.TestPki;
import vn.customs.swg.trust.revocation.RevocationAnswer;
import vn.customs.swg.trust.revocation.RevocationChecker;
import vn.customs.swg.trust.revocation.RevocationSettings;
import vn.customs.swg.trust.revocation.RevocationSources;

/**
 * Path validation per partner and the revocation verdict on it, with CRL files as the partner's
 * configured revocation source (the OCSP and HTTP cases live in the revocation package's tests).
 */
class CertificateTrustValidatorTest {

  private final TestPki.Ca root = TestPki.rootCa("CN=Test Root");
  private final TestPki.Ca bankCa = root.issueCa("CN=Test Bank CA");
  private final TestPki.Ca governmentCa = root.issueCa("CN=Test Government CA");
  private final CertificateTrustValidator validator = new CertificateTrustValidator(Clock.systemUTC(),
      new RevocationChecker(new RevocationSettings(Duration.ofMillis(500), 1 << 20, List.of(), Duration.ofMinutes(1),
          100, Duration.ofMinutes(5)), Clock.systemUTC()));
  @TempDir Path dir;

  private PartnerTrust anchoredOn(TestPki.Ca ca, RevocationPolicy policy, URI... crls) {
    return new PartnerTrust(Set.of(new TrustAnchor(ca.certificate(), null)), List.of(), policy,
        new RevocationSources(null, List.of(crls)));
  }

  private URI bankCrl(java.security.cert.X509Certificate... revoked) {
    return bankCa.writeCrl(dir.resolve("bank-" + revoked.length + ".crl"), Instant.now().plus(Duration.ofDays(1)), revoked);
  }

  @Test
  void acceptsCertificateOfThePartnersCaWithAGoodCrlAnswer() {
    TestPki.Issued bank = bankCa.issue("CN=Bank, OU=01203001");

    TrustDecision decision = validator.validate(bank.certificate(), List.of(),
        anchoredOn(bankCa, RevocationPolicy.HARD_FAIL, bankCrl()));

    assertThat(decision.path()).containsExactly(bank.certificate());
    assertThat(decision.revocation()).isEqualTo(TrustDecision.Revocation.GOOD);
    assertThat(decision.signerRevocation().source()).isEqualTo(RevocationAnswer.Source.CRL);
    assertThat(decision.signerRevocation().crlNumber()).isEqualTo(1);
  }

  @Test
  void rejectsRevokedCertificate() {
    TestPki.Issued bank = bankCa.issue("CN=Bank");

    assertRejected(() -> validator.validate(bank.certificate(), List.of(),
        anchoredOn(bankCa, RevocationPolicy.HARD_FAIL, bankCrl(bank.certificate()))), ErrorCode.SEC_007);
  }

  @Test
  void hardFailRefusesWhenNoRevocationAnswerCanBeHad() {
    TestPki.Issued bank = bankCa.issue("CN=Bank");
    URI stale = bankCa.writeCrl(dir.resolve("stale.crl"), Instant.now().minus(Duration.ofDays(1)));

    assertRejected(() -> validator.validate(bank.certificate(), List.of(),
        anchoredOn(bankCa, RevocationPolicy.HARD_FAIL, stale)), ErrorCode.SEC_008);
    assertThat(ErrorCode.SEC_008.retryable()).isTrue();
  }

  @Test
  void softFailAcceptsWithoutAnAnswerAndSaysSo() {
    TestPki.Issued bank = bankCa.issue("CN=Bank");

    TrustDecision decision = validator.validate(bank.certificate(), List.of(), anchoredOn(bankCa, RevocationPolicy.SOFT_FAIL));

    assertThat(decision.revocation()).isEqualTo(TrustDecision.Revocation.SOFT_FAIL);
    assertThat(decision.signerRevocation().status()).isEqualTo(RevocationAnswer.Status.UNAVAILABLE);
  }

  @Test
  void softFailStillRefusesARevokedCertificate() {
    TestPki.Issued bank = bankCa.issue("CN=Bank");

    assertRejected(() -> validator.validate(bank.certificate(), List.of(),
        anchoredOn(bankCa, RevocationPolicy.SOFT_FAIL, bankCrl(bank.certificate()))), ErrorCode.SEC_007);
  }

  @Test
  void acceptsChainThroughAnIntermediateSentInKeyInfo() {
    TestPki.Issued bank = bankCa.issue("CN=Bank");
    // Anchored on the root: the intermediate's own status comes from its distribution points,
    // which this test CA has none of, so only a soft-fail partner gets through.
    PartnerTrust rootAnchored = anchoredOn(root, RevocationPolicy.SOFT_FAIL, bankCrl());

    TrustDecision decision = validator.validate(bank.certificate(), List.of(bankCa.certificate()), rootAnchored);

    assertThat(decision.path()).containsExactly(bank.certificate(), bankCa.certificate());
    assertThat(decision.signerRevocation().status()).isEqualTo(RevocationAnswer.Status.GOOD);
    assertThat(decision.revocation()).isEqualTo(TrustDecision.Revocation.SOFT_FAIL);
  }

  @Test
  void rejectsMissingIntermediate() {
    TestPki.Issued bank = bankCa.issue("CN=Bank");

    assertRejected(() -> validator.validate(bank.certificate(), List.of(), anchoredOn(root, RevocationPolicy.HARD_FAIL)),
        ErrorCode.SEC_005);
  }

  @Test
  void rejectsCertificateFromAnotherPartnersCa() {
    TestPki.Issued ministry = governmentCa.issue("CN=Ministry");

    assertRejected(() -> validator.validate(ministry.certificate(), List.of(),
        anchoredOn(bankCa, RevocationPolicy.HARD_FAIL, bankCrl())), ErrorCode.SEC_005);
  }

  @Test
  void intermediatesFromKeyInfoNeverBecomeAnchors() {
    TestPki.Ca rogueRoot = TestPki.rootCa("CN=Rogue Root");
    TestPki.Issued rogue = rogueRoot.issue("CN=Bank");

    assertRejected(() -> validator.validate(rogue.certificate(), List.of(rogueRoot.certificate()),
        anchoredOn(bankCa, RevocationPolicy.HARD_FAIL, bankCrl())), ErrorCode.SEC_005);
  }

  @Test
  void rejectsExpiredCertificate() {
    TestPki.Issued expired = bankCa.issue("CN=Bank", TestPki.rsa(2048), Instant.now().minus(Duration.ofDays(30)),
        Instant.now().minus(Duration.ofDays(1)), KeyUsage.digitalSignature);

    assertRejected(() -> validator.validate(expired.certificate(), List.of(),
        anchoredOn(bankCa, RevocationPolicy.HARD_FAIL, bankCrl())), ErrorCode.SEC_006);
  }

  @Test
  void rejectsCertificateNotYetValid() {
    TestPki.Issued future = bankCa.issue("CN=Bank", TestPki.rsa(2048), Instant.now().plus(Duration.ofDays(1)),
        Instant.now().plus(Duration.ofDays(30)), KeyUsage.digitalSignature);

    assertRejected(() -> validator.validate(future.certificate(), List.of(),
        anchoredOn(bankCa, RevocationPolicy.HARD_FAIL, bankCrl())), ErrorCode.SEC_006);
  }

  @Test
  void rejectsCertificateWithoutSigningKeyUsage() {
    TestPki.Issued encryptionOnly = bankCa.issue("CN=Bank", TestPki.rsa(2048), Instant.now().minus(Duration.ofDays(1)),
        Instant.now().plus(Duration.ofDays(30)), KeyUsage.keyEncipherment);

    assertRejected(() -> validator.validate(encryptionOnly.certificate(), List.of(),
        anchoredOn(bankCa, RevocationPolicy.HARD_FAIL, bankCrl())), ErrorCode.SEC_005);
  }

  private static void assertRejected(Runnable call, ErrorCode code) {
    assertThatThrownBy(call::run)
        .isInstanceOf(MessageRejectedException.class)
        .extracting(e -> ((MessageRejectedException) e).errorCode())
        .isEqualTo(code);
  }
}
