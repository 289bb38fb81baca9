package vn.customs.swg.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

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
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @param curve a JDK curve name: secp256r1, secp384r1, secp521r1 */
  static KeyPair ec(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An end-entity certificate for {@code keys}, issued by the test intermediate. */
  static Issued leaf(String commonName, KeyPair keys) {
    return issue(INTERMEDIATE, "CN=" + commonName + ",O=Test Partner", keys, false);
  }

  static Issued issue(Issued issuer, String subject, KeyPair keys, boolean ca) {
    return build(new X500Name(subject), keys, issuer, ca);
  }

  private static Issued selfSignedCa(String subject) {
    return build(new X500Name(subject), rsa(2048), null, true);
  }

  private static Issued build(X500Name subject, KeyPair keys, Issued issuer, boolean ca) {
    try {
      Instant now = Instant.now();
      X500Name issuerName = issuer == null ? subject
          : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
      KeyPair signing = issuer == null ? keys : issuer.keyPair();
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
          new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
          Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))),
          subject, keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
          .addExtension(Extension.keyUsage, true, new KeyUsage(ca
              ? KeyUsage.keyCertSign | KeyUsage.cRLSign
              : KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
          .addExtension(Extension.subjectKeyIdentifier, false,
              extensions.createSubjectKeyIdentifier(keys.getPublic()))
          .addExtension(Extension.authorityKeyIdentifier, false,
              extensions.createAuthorityKeyIdentifier(signing.getPublic()));
      String algorithm = "EC".equals(signing.getPrivate().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
      X509Certificate certificate = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signing.getPrivate())));
      return new Issued(keys, certificate);
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot build test certificate " + subject, e);
    }
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
