package vn.customs.swg.signature;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.customs.swg.ErrorCode;

/** The allow-list itself, independent of any document. */
class SignatureProfileTest {

  private final SignatureProfile profile = new SignatureProfile();

  @ParameterizedTest
  @ValueSource(strings = {
      SignatureProfile.RSA_SHA256, SignatureProfile.RSA_SHA384, SignatureProfile.RSA_SHA512,
      SignatureProfile.RSA_PSS_SHA256, SignatureProfile.RSA_PSS_SHA384, SignatureProfile.RSA_PSS_SHA512,
      SignatureProfile.ECDSA_SHA256, SignatureProfile.ECDSA_SHA384, SignatureProfile.ECDSA_SHA512,
  })
  void acceptsTheProfileSignatureMethods(String method) {
    assertThatCode(() -> profile.checkSignatureMethod(method, false)).doesNotThrowAnyException();
  }

  @Test
  void acceptsSha1OnlyForLegacyPartners() {
    assertThatCode(() -> profile.checkSignatureMethod(SignatureProfile.RSA_SHA1, true)).doesNotThrowAnyException();
    assertThatCode(() -> profile.checkDigestMethod(SignatureProfile.SHA1, true)).doesNotThrowAnyException();
    assertRefused(() -> profile.checkSignatureMethod(SignatureProfile.RSA_SHA1, false));
    assertRefused(() -> profile.checkDigestMethod(SignatureProfile.SHA1, false));
  }

  @ParameterizedTest
  @ValueSource(strings = {SignatureProfile.EXC_C14N, SignatureProfile.C14N_10, SignatureProfile.C14N_11})
  void acceptsExclusiveAndInclusiveCanonicalizationForSignedInfo(String c14n) {
    assertThatCode(() -> profile.checkSignedInfoCanonicalization(c14n)).doesNotThrowAnyException();
  }

  @Test
  void referenceTransformsMustBeExactlyExclusiveC14n() {
    assertThatCode(() -> profile.checkReferenceTransforms(List.of(SignatureProfile.EXC_C14N))).doesNotThrowAnyException();
    assertRefused(() -> profile.checkReferenceTransforms(List.of()));
    assertRefused(() -> profile.checkReferenceTransforms(List.of(SignatureProfile.EXC_C14N, SignatureProfile.EXC_C14N)));
    assertRefused(() -> profile.checkReferenceTransforms(List.of(SignatureProfile.C14N_11)));
  }

  @Test
  void acceptsRsa2048AndEcP256AndP384() {
    assertThatCode(() -> profile.checkKey(TestPki.RSA_SIGNER.certificate().getPublicKey(), SignatureProfile.RSA_PSS_SHA512))
        .doesNotThrowAnyException();
    assertThatCode(() -> profile.checkKey(TestPki.ec("secp256r1").getPublic(), SignatureProfile.ECDSA_SHA512))
        .doesNotThrowAnyException();
    assertThatCode(() -> profile.checkKey(TestPki.ec("secp384r1").getPublic(), SignatureProfile.ECDSA_SHA256))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesWeakOrMismatchedKeys() {
    assertRefused(() -> profile.checkKey(TestPki.rsa(1024).getPublic(), SignatureProfile.RSA_SHA256));
    assertRefused(() -> profile.checkKey(TestPki.ec("secp521r1").getPublic(), SignatureProfile.ECDSA_SHA512));
    assertRefused(() -> profile.checkKey(TestPki.ec("secp256r1").getPublic(), SignatureProfile.RSA_SHA256));
    assertRefused(() -> profile.checkKey(TestPki.RSA_SIGNER.certificate().getPublicKey(), SignatureProfile.ECDSA_SHA256));
  }

  private static void assertRefused(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(SignatureRejectedException.class)
        .extracting(e -> ((SignatureRejectedException) e).errorCode()).isEqualTo(ErrorCode.SEC_004);
  }
}
