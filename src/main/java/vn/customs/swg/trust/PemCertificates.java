package vn.customs.swg.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import vn.customs.swg.config.ConfigurationException;

/** Reads X.509 certificates from PEM files and computes the fingerprints used in records. */
public final class PemCertificates {

  private PemCertificates() {}

  /**
   * All certificates in a PEM file (a chain file holds several).
   *
   * @param configKey the configuration key that named the file, for the error sentence
   */
  public static List<X509Certificate> read(Path file, String configKey) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigurationException(configKey + ": file " + file.toAbsolutePath()
          + " does not exist; point it at a PEM certificate file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in)
          .stream().map(X509Certificate.class::cast).toList();
      if (certificates.isEmpty()) {
        throw new ConfigurationException(configKey + ": " + file + " holds no certificate");
      }
      return certificates;
    } catch (IOException | CertificateException e) {
      throw new ConfigurationException(configKey + ": " + file + " is not a readable PEM certificate file", e);
    }
  }

  /** Upper-case hex SHA-256 of the DER encoding: the fingerprint written into Routing and records. */
  public static String sha256Fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of().withUpperCase()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint certificate", e);
    }
  }
}
