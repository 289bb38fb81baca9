package vn.customs.swg.config;

import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.stream.Stream;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.partner.PartnerRegistry;
import vn.customs.swg.security.OperatorAccounts;

/**
 * Refuses to run the {@code prod} profile on development trust material: the gateway's key or a
 * partner anchor issued under the dev PKI of certs/dev (recognised by its "SWG Dev" names), or
 * any path into certs/dev; and refuses operator passwords that are not hashed with a slow,
 * salted password hash ({@code {noop}} plain text, or the legacy digests).
 */
public final class ProductionGuard {

  private static final String DEV_MARKER = "SWG Dev";
  /** Slow, salted password hashes; the other ids of the delegating encoder are plain text or fast digests. */
  private static final Set<String> PRODUCTION_ENCODERS = Set.of("bcrypt", "argon2", "argon2@SpringSecurity_v5_8",
      "pbkdf2", "pbkdf2@SpringSecurity_v5_8", "scrypt", "scrypt@SpringSecurity_v5_8");

  private ProductionGuard() {}

  /** The gateway key and every partner's trust material: at start-up and at every trust reload. */
  public static void check(GatewayProperties properties, GatewayKeyStore keys, PartnerRegistry partners) {
    checkKey(properties, keys);
    properties.partners().forEach((id, partner) -> Stream.of(partner.trustAnchors(), partner.certificates())
        .flatMap(java.util.List::stream)
        .filter(path -> path.toString().replace('\\', '/').contains("certs/dev"))
        .findAny()
        .ifPresent(path -> {
          throw new ConfigurationException("gateway.partners." + id + ": the prod profile refuses development"
              + " trust material (" + path + "); configure the partner's real CA and certificates");
        }));
    for (Partner partner : partners.all()) {
      if (partner.trust().anchors().stream().anyMatch(anchor -> isDev(anchor.getTrustedCert()))) {
        throw new ConfigurationException("gateway.partners." + partner.id()
            + ".trust-anchors: the prod profile refuses the development CAs of certs/dev");
      }
    }
  }

  /** The gateway's own signing key, checked as soon as it is loaded. */
  public static void checkKey(GatewayProperties properties, GatewayKeyStore keys) {
    if (properties.signingKey().keystore().toString().replace('\\', '/').contains("certs/dev")
        || keys.chain().stream().anyMatch(ProductionGuard::isDev)) {
      throw new ConfigurationException("gateway.signing-key: the prod profile refuses the development key"
          + " from certs/dev; configure the production keystore");
    }
  }

  /** Every operator password is a proper password hash: never {noop}, never a fast digest. */
  public static void checkOperators(GatewayProperties properties) {
    properties.operators().forEach((name, operator) -> {
      String key = "gateway.operators." + name;
      String encoder = OperatorAccounts.encoderOf(key, operator.password());
      if (!PRODUCTION_ENCODERS.contains(encoder)) {
        throw new ConfigurationException(key + ".password: the prod profile refuses {" + encoder + "} passwords;"
            + " give a {bcrypt} (or argon2, pbkdf2, scrypt) hash");
      }
    });
  }

  private static boolean isDev(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName().contains(DEV_MARKER)
        || certificate.getIssuerX500Principal().getName().contains(DEV_MARKER);
  }
}
