package vn.customs.swg.trust.material;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.x509.KeyUsage;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.config.GatewayProperties.Direction;
import vn.customs.swg.partner.PartnerRegistry;
import vn.customs.swg.partner.PartyKind;
import vn.customs.swg.testsupport.TestPki;

/** Trust files in a temporary folder: copies of certs/dev, or certificates built with {@link TestPki}. */
final class TrustFixture {

  static final Path DEV = Path.of("certs/dev");

  static final MessageTypeCatalogue CATALOGUE = new MessageTypeCatalogue(Map.of(
      "TAX_PAYMENT_NOTICE", new GatewayProperties.MessageType(Direction.INBOUND,
          "schemas/bank/tax-payment-notice/tax-payment-notice-1.xsd", null, "customs.payments.in",
          Set.of(PartyKind.BANK))),
      TrustFixture.class.getClassLoader());

  private TrustFixture() {}

  /** Copies a file of certs/dev (e.g. "ca/public-ca.pem") to {@code target}. */
  static Path copyDev(String devFile, Path target) {
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      return Files.copy(DEV.resolve(devFile), target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, content, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path writePem(Path file, X509Certificate... certificates) {
    StringBuilder pem = new StringBuilder();
    for (X509Certificate certificate : certificates) {
      try {
        pem.append("-----BEGIN CERTIFICATE-----\n")
            .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
    }
    return write(file, pem.toString());
  }

  static GatewayProperties.Partner bank(String identity, List<Path> anchors, List<Path> intermediates,
      List<Path> certificates) {
    return new GatewayProperties.Partner(PartyKind.BANK, identity, "Bank " + identity, anchors, intermediates,
        certificates, null, Set.of("TAX_PAYMENT_NOTICE"), false, GatewayProperties.RevocationPolicy.HARD_FAIL, null,
        List.of(), GatewayProperties.PartnerChannel.HTTP,
        new GatewayProperties.Delivery(null, null, 8, java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(10), 2.0,
            java.time.Duration.ofHours(24)), List.of());
  }

  /** A directory loading this configuration from disk at every reload, as in production. */
  static PartnerDirectory directory(Map<String, GatewayProperties.Partner> partners, Clock clock) {
    return new PartnerDirectory(() -> new PartnerRegistry(partners, CATALOGUE), clock);
  }

  /** vcb registered on copies of its dev anchor and certificate under {@code dir}. */
  static Map<String, GatewayProperties.Partner> devVcb(Path dir) {
    Path anchor = copyDev("ca/public-ca.pem", dir.resolve("public-ca.pem"));
    Path certificate = copyDev("partners/vcb/cert.pem", dir.resolve("vcb.pem"));
    return Map.of("vcb", bank("01203001", List.of(anchor), List.of(), List.of(certificate)));
  }

  /** An end-entity certificate of {@code ca} valid until {@code notAfter}. */
  static X509Certificate expiringAt(TestPki.Ca ca, String subject, Instant notAfter) {
    return ca.issue(subject, TestPki.ec("secp256r1"), notAfter.minus(Duration.ofDays(400)), notAfter,
        KeyUsage.digitalSignature | KeyUsage.nonRepudiation).certificate();
  }

  /** Now, to the second: certificate times have no fractions, so day counts come out exact. */
  static Instant nowToTheSecond() {
    return Instant.ofEpochSecond(Instant.now().getEpochSecond());
  }
}
