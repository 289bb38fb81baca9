package vn.customs.swg.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.TrustAnchor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.testsupport.TestPki;

class CertificateTrustValidatorTest {

  private final TestPki.Ca root = TestPki.rootCa("CN=Test Root");
  private final TestPki.Ca bankCa = root.issueCa("CN=Test Bank CA");
  private final TestPki.Ca governmentCa = root.issueCa("CN=Test Government CA");
  private final CertificateTrustValidator validator = new CertificateTrustValidator(Clock.systemUTC());

  private PartnerTrust anchoredOn(TestPki.Ca ca) {
    return new PartnerTrust(Set.of(new TrustAnchor(ca.certificate(), null)), List.of());
  }

  @Test
  void acceptsCertificateIssuedByThePartnersCa() {
    TestPki.Issued bank = bankCa.issue("CN=Bank, OU=01203001");

    TrustDecision decision = validator.validate(bank.certificate(), List.of(), anchoredOn(bankCa));

    assertThat(decision.path()).containsExactly(bank.certificate());
    assertThat(decision.revocation()).isEqualTo(TrustDecision.Revocation.NOT_CHECKED);
  }

  @Test
  void acceptsChainThroughAnIntermediateSentInKeyInfo() {
    TestPki.Issued bank = bankCa.issue("CN=Bank");
    PartnerTrust rootAnchored = new PartnerTrust(Set.of(new TrustAnchor(root.certificate(), null)), List.of());

    TrustDecision decision = validator.validate(bank.certificate(), List.of(bankCa.certificate()), rootAnchored);

    assertThat(decision.path()).containsExactly(bank.certificate(), bankCa.certificate());
  }

  @Test
  void rejectsCertificateFromAnotherPartnersCa() {
    TestPki.Issued ministry = governmentCa.issue("CN=Ministry");

    assertRejected(() -> validator.validate(ministry.certificate(), List.of(), anchoredOn(bankCa)), ErrorCode.SEC_005);
  }

  @Test
  void intermediatesFromKeyInfoNeverBecomeAnchors() {
    TestPki.Ca rogueRoot = TestPki.rootCa("CN=Rogue Root");
    TestPki.Issued rogue = rogueRoot.issue("CN=Bank");

    assertRejected(() -> validator.validate(rogue.certificate(), List.of(rogueRoot.certificate()), anchoredOn(bankCa)),
        ErrorCode.SEC_005);
  }

  @Test
  void rejectsExpiredCertificate() {
    TestPki.Issued expired = bankCa.issue("CN=Bank", TestPki.rsa(2048), Instant.now().minus(Duration.ofDays(30)),
        Instant.now().minus(Duration.ofDays(1)), KeyUsage.digitalSignature);

    assertRejected(() -> validator.validate(expired.certificate(), List.of(), anchoredOn(bankCa)), ErrorCode.SEC_006);
  }

  @Test
  void rejectsCertificateNotYetValid() {
    TestPki.Issued future = bankCa.issue("CN=Bank", TestPki.rsa(2048), Instant.now().plus(Duration.ofDays(1)),
        Instant.now().plus(Duration.ofDays(30)), KeyUsage.digitalSignature);

    assertRejected(() -> validator.validate(future.certificate(), List.of(), anchoredOn(bankCa)), ErrorCode.SEC_006);
  }

  @Test
  void rejectsCertificateWithoutSigningKeyUsage() {
    TestPki.Issued encryptionOnly = bankCa.issue("CN=Bank", TestPki.rsa(2048), Instant.now().minus(Duration.ofDays(1)),
        Instant.now().plus(Duration.ofDays(30)), KeyUsage.keyEncipherment);

    assertRejected(() -> validator.validate(encryptionOnly.certificate(), List.of(), anchoredOn(bankCa)),
        ErrorCode.SEC_005);
  }

  private static void assertRejected(Runnable call, ErrorCode code) {
    assertThatThrownBy(call::run)
        .isInstanceOf(MessageRejectedException.class)
        .extracting(e -> ((MessageRejectedException) e).errorCode())
        .isEqualTo(code);
  }
}
