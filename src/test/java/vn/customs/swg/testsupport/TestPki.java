package vn.customs.swg.testsupport;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds certificates in memory for edge cases the committed dev PKI must not contain: expired,
 * not yet valid, wrong key usage, weak keys, foreign CAs. Happy paths use certs/dev instead.
 */
public final class TestPki {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TestPki() {}

  /** A CA: its key and certificate, able to issue CAs and end-entity certificates. */
  public record Ca(KeyPair keyPair, X509Certificate certificate) {

    public Ca issueCa(String subject) {
      return issueCa(subject, rsa(2048));
    }

    /** An intermediate CA (path length 0: it issues end-entity certificates only). */
    public Ca issueCa(String subject, KeyPair keys) {
      return new Ca(keys, build(this, subject, keys, Instant.now().minus(Duration.ofDays(1)),
          Instant.now().plus(Duration.ofDays(3650)), new BasicConstraints(0), KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }

    public Issued issue(String subject) {
      return issue(subject, rsa(2048));
    }

    public Issued issue(String subject, KeyPair keys) {
      return issue(subject, keys, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)),
          KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
    }

    /**
     * Writes a PEM CRL of this CA listing {@code revoked}, valid from now until {@code nextUpdate},
     * and returns its file: URI (a configured CRL source).
     */
    public java.net.URI writeCrl(java.nio.file.Path file, Instant nextUpdate, X509Certificate... revoked) {
      try {
        org.bouncycastle.cert.X509v2CRLBuilder builder = new org.bouncycastle.cert.X509v2CRLBuilder(
            X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), Date.from(Instant.now().minusSeconds(60)));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (X509Certificate certificate : revoked) {
          builder.addCRLEntry(certificate.getSerialNumber(), Date.from(Instant.now().minusSeconds(30)),
              org.bouncycastle.asn1.x509.CRLReason.keyCompromise);
        }
        builder.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.ONE));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
        String algorithm = keyPair.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        java.security.cert.X509CRL crl = new org.bouncycastle.cert.jcajce.JcaX509CRLConverter()
            .getCRL(builder.build(new JcaContentSignerBuilder(algorithm).build(keyPair.getPrivate())));
        String pem = "-----BEGIN X509 CRL-----\n"
            + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(crl.getEncoded())
            + "\n-----END X509 CRL-----\n";
        java.nio.file.Files.writeString(file, pem);
        return file.toUri();
      } catch (Exception e) {
        throw new IllegalStateException("cannot write test CRL", e);
      }
    }

    public Issued issue(String subject, KeyPair keys, Instant notBefore, Instant notAfter, int keyUsage) {
      return new Issued(keys, build(this, subject, keys, notBefore, notAfter, new BasicConstraints(false), keyUsage));
    }
  }

  /** An end-entity key and certificate. */
  public record Issued(KeyPair keyPair, X509Certificate certificate) {}

  /** Writes certificates as PEM, for configuration (trust anchors, registered certificates) and tools. */
  public static java.nio.file.Path writePem(java.nio.file.Path file, X509Certificate... certificates) {
    StringBuilder pem = new StringBuilder();
    try {
      for (X509Certificate certificate : certificates) {
        pem.append("-----BEGIN CERTIFICATE-----\n")
            .append(java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      }
      return java.nio.file.Files.writeString(file, pem);
    } catch (Exception e) {
      throw new IllegalStateException("cannot write " + file, e);
    }
  }

  public static Ca rootCa(String subject) {
    KeyPair keys = rsa(2048);
    return new Ca(keys, build(null, subject, keys, Instant.now().minus(Duration.ofDays(1)),
        Instant.now().plus(Duration.ofDays(3650)), new BasicConstraints(true), KeyUsage.keyCertSign | KeyUsage.cRLSign));
  }

  public static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits, RANDOM);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair ec(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve), RANDOM);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate build(Ca issuer, String subject, KeyPair subjectKeys, Instant notBefore,
      Instant notAfter, BasicConstraints basicConstraints, int keyUsage) {
    try {
      X500Name subjectName = new X500Name(subject);
      X500Name issuerName = issuer == null ? subjectName
          : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
      KeyPair signingKeys = issuer == null ? subjectKeys : issuer.keyPair();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
          new BigInteger(64, RANDOM).abs().add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
          subjectName, subjectKeys.getPublic());
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, basicConstraints);
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
      builder.addExtension(Extension.subjectKeyIdentifier, false,
          extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()));
      if (issuer != null) {
        builder.addExtension(Extension.authorityKeyIdentifier, false,
            extensions.createAuthorityKeyIdentifier(issuer.certificate()));
      }
      String algorithm = signingKeys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder(algorithm).build(signingKeys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException("cannot build test certificate " + subject, e);
    }
  }
}
