package vn.customs.swg.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * An in-memory test PKI built with BouncyCastle: a root CA, an intermediate CA and end-entity
 * certificates for any key. Keys are generated once per test JVM (RSA generation is the slow
 * part), so every test class shares the same CA and leaves.
 */
final class TestPki {

  /** A key pair with its certificate. */
  record Issued(KeyPair keyPair, X509Certificate certificate) {
    PrivateKey privateKey() {
      return keyPair.getPrivate();
    }
  }

  static final Issued ROOT = selfSignedCa("CN=SWG Test Root CA,O=Single Window Gateway TEST");
  static final Issued INTERMEDIATE = issue(ROOT, "CN=SWG Test Partner CA,O=Single Window Gateway TEST", rsa(2048), true);
  static final Issued RSA_SIGNER = issue(INTERMEDIATE, "CN=vcb,O=Test Bank", rsa(2048), false);
  static final Issued OTHER_RSA_SIGNER = issue(INTERMEDIATE, "CN=bidv,O=Other Test Bank", rsa(2048), false);
  static final Issued GATEWAY = issue(INTERMEDIATE, "CN=swg-node-1,O=Single Window Gateway TEST", rsa(2048), false);

  private TestPki() {}

  /** Leaf then intermediate: what a partner puts in KeyInfo. */
  static List<X509Certificate> chainOf(Issued leaf) {
    return List.of(leaf.certificate(), INTERMEDIATE.certificate());
  }

  static KeyPair rsa(int bits) {
    return vn.customs.swg.testsupport.TestPki.rsa(bits);
  }

  /** @param curve a JDK curve name: secp256r1, secp384r1, secp521r1 */
  static KeyPair ec(String curve) {
    return vn.customs.swg.testsupport.TestPki.ec(curve);
  }

  /** An end-entity certificate for {@code keys}, issued by the test intermediate. */
  static Issued leaf(String commonName, KeyPair keys) {
    return issue(INTERMEDIATE, "CN=" + commonName + ",O=Test Partner", keys, false);
  }

  // Certificates are built by the shared test PKI builder; this class only fixes the cast.
  static Issued issue(Issued issuer, String subject, KeyPair keys, boolean ca) {
    var issuingCa = new vn.customs.swg.testsupport.TestPki.Ca(issuer.keyPair(), issuer.certificate());
    return ca ? from(issuingCa.issueCa(subject, keys)) : from(issuingCa.issue(subject, keys));
  }

  private static Issued selfSignedCa(String subject) {
    return from(vn.customs.swg.testsupport.TestPki.rootCa(subject));
  }

  private static Issued from(vn.customs.swg.testsupport.TestPki.Ca ca) {
    return new Issued(ca.keyPair(), ca.certificate());
  }

  private static Issued from(vn.customs.swg.testsupport.TestPki.Issued issued) {
    return new Issued(issued.keyPair(), issued.certificate());
  }

  /** Writes a certificate as PEM, for tools such as xmlsec1. */
  static Path writeCertificatePem(Path file, X509Certificate... certificates) {
    StringBuilder pem = new StringBuilder();
    try {
      for (X509Certificate certificate : certificates) {
        pem.append(pem("CERTIFICATE", certificate.getEncoded()));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return write(file, pem.toString());
  }

  /** Writes a private key as unencrypted PKCS#8 PEM. */
  static Path writePrivateKeyPem(Path file, PrivateKey key) {
    return write(file, pem("PRIVATE KEY", key.getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
  }

  private static Path write(Path file, String content) {
    try {
      return Files.writeString(file, content, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
