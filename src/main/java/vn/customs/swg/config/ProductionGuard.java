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
 * any path into certs/dev (partner TLS client certificates and the TLS key and trust stores
 * included); on any database but the operator's PostgreSQL; and on operator
 * passwords that are not hashed with a slow, salted password hash ({@code {noop}} plain text, or the
 * legacy digests).
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
    properties.partners().forEach((id, partner) -> Stream.of(partner.trustAnchors(), partner.certificates(), partner.tlsClientCertificates())
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

  /**
   * The TLS connector of the partners' port ({@code server.ssl.*}, from SWG_TLS_KEYSTORE and
   * SWG_TLS_TRUSTSTORE in application-prod.yml): never the dev material of certs/dev/tls.
   */
  public static void checkTls(String keyStore, String trustStore) {
    for (String store : new String[] {keyStore, trustStore}) {
      if (store != null && store.replace('\\', '/').contains("certs/dev")) {
        throw new ConfigurationException("server.ssl: the prod profile refuses the development TLS material ("
            + store + "); set SWG_TLS_KEYSTORE and SWG_TLS_TRUSTSTORE to the production key and trust stores");
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

  /**
   * The database the prod profile runs on: PostgreSQL, with the URL, user and password given by
   * the operator (application-prod.yml takes them from SWG_DB_URL, SWG_DB_USER and
   * SWG_DB_PASSWORD). Checked before anything connects: left empty, Spring Boot would quietly
   * start an in-memory database and lose every message at the next restart.
   */
  public static void checkDatabase(String url, String user, String password) {
    if (isBlank(url) || isBlank(user) || isBlank(password)) {
      throw new ConfigurationException("spring.datasource: the prod profile needs its PostgreSQL database;"
          + " set SWG_DB_URL (jdbc:postgresql://host:5432/database), SWG_DB_USER and SWG_DB_PASSWORD"
          + " (missing: " + missing(url, user, password) + ")");
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new ConfigurationException("spring.datasource.url: the prod profile runs on PostgreSQL"
          + " (jdbc:postgresql://host:5432/database), not " + scheme(url));
    }
  }

  // "jdbc:h2": never the rest of a URL, which may carry a password
  private static String scheme(String url) {
    String[] parts = url.split(":", 3);
    return parts.length < 2 ? "'" + parts[0] + "'" : parts[0] + ":" + parts[1];
  }

  private static String missing(String url, String user, String password) {
    return Stream.of(isBlank(url) ? "SWG_DB_URL" : null, isBlank(user) ? "SWG_DB_USER" : null,
            isBlank(password) ? "SWG_DB_PASSWORD" : null)
        .filter(java.util.Objects::nonNull)
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
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
