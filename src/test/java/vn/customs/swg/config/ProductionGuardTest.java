package vn.customs.swg.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ConfigurableApplicationContext;
import vn.customs.swg.GatewayApplication;

/**
 * The prod profile refuses to start on the development PKI or without its PostgreSQL database,
 * with a sentence that says so.
 */
class ProductionGuardTest {

  @Test
  void prodProfileRefusesTheDevGatewayKey() {
    SpringApplication application = new SpringApplication(GatewayApplication.class);
    application.setAdditionalProfiles("prod");
    // Command-line arguments, so they win over application-prod.yml like an operator's would.
    String[] arguments = {
        "--" + "server.port" + "=" + "0",
        "--" + "spring.datasource.url" + "=" + "jdbc:postgresql://127.0.0.1:9/prod-guard",
        "--" + "spring.datasource.username" + "=" + "swg",
        "--" + "spring.datasource.password" + "=" + "not-dev",
        "--" + "spring.artemis.mode" + "=" + "embedded",
        "--" + "spring.artemis.embedded.enabled" + "=" + "true",
        "--" + "spring.artemis.embedded.persistent" + "=" + "false",
        "--" + "gateway.signing-key.keystore" + "=" + Path.of("certs/dev/gateway/keystore.p12").toString(),
        "--" + "gateway.signing-key.password" + "=" + "changeit",
        "--" + "gateway.signing-key.alias" + "=" + "gateway",
        "--" + "gateway.partners.vcb.kind" + "=" + "BANK",
        "--" + "gateway.partners.vcb.identity" + "=" + "01203001",
        "--" + "gateway.partners.vcb.trust-anchors" + "=" + "certs/dev/ca/public-ca.pem",
        "--" + "gateway.partners.vcb.certificates" + "=" + "certs/dev/partners/vcb/cert.pem",
        // TLS material outside certs/dev, so that the check of the key is the one that speaks
        "--" + "server.ssl.key-store" + "=" + copyOfDev("tls/gateway/keystore.p12"),
        "--" + "server.ssl.key-store-password" + "=" + "changeit",
        "--" + "server.ssl.trust-store" + "=" + copyOfDev("tls/truststore.p12"),
        "--" + "server.ssl.trust-store-password" + "=" + "changeit",
        // prod logs JSON; plain text keeps the console of the tests after this one readable
        "--" + "logging.structured.format.console" + "="};


    assertThatThrownBy(() -> {
      try (ConfigurableApplicationContext ignored = application.run(arguments)) {
        // must not get here
      }
    }).hasStackTraceContaining(ConfigurationException.class.getName())
        .hasStackTraceContaining("the prod profile refuses the development key from certs/dev");
  }

  @Test
  void prodProfileRefusesToStartWithoutItsDatabase() {
    // Empty on the command line, as when SWG_DB_URL and SWG_DB_USER are not set.
    assertThatThrownBy(() -> run("--spring.datasource.url=", "--spring.datasource.username=",
            "--spring.datasource.password=secret"))
        .hasStackTraceContaining(ConfigurationException.class.getName())
        .hasStackTraceContaining("spring.datasource: the prod profile needs its PostgreSQL database;"
            + " set SWG_DB_URL (jdbc:postgresql://host:5432/database), SWG_DB_USER and SWG_DB_PASSWORD"
            + " (missing: SWG_DB_URL, SWG_DB_USER)");
  }

  @Test
  void prodProfileRefusesAnyDatabaseButPostgresql() {
    assertThatThrownBy(() -> run("--spring.datasource.url=jdbc:h2:file:./data/db/swg;PASSWORD=hidden",
            "--spring.datasource.username=swg", "--spring.datasource.password=secret"))
        .hasStackTraceContaining("spring.datasource.url: the prod profile runs on PostgreSQL"
            + " (jdbc:postgresql://host:5432/database), not jdbc:h2")
        .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("hidden"));
  }

  @Test
  void prodProfileRefusesToStartWithoutTls() {
    // SWG_TLS_KEYSTORE and SWG_TLS_TRUSTSTORE not set
    assertThatThrownBy(() -> run("--spring.datasource.url=jdbc:postgresql://127.0.0.1:9/prod-guard",
            "--spring.datasource.username=swg", "--spring.datasource.password=secret"))
        .hasStackTraceContaining(ConfigurationException.class.getName())
        .hasStackTraceContaining("server.ssl: the prod profile serves partners over TLS with client certificates;"
            + " set SWG_TLS_KEYSTORE, SWG_TLS_KEYSTORE_PASSWORD, SWG_TLS_TRUSTSTORE and SWG_TLS_TRUSTSTORE_PASSWORD");
  }

  @Test
  void prodProfileRefusesTheDevTlsMaterial() {
    assertThatThrownBy(() -> run("--spring.datasource.url=jdbc:postgresql://127.0.0.1:9/prod-guard",
            "--spring.datasource.username=swg", "--spring.datasource.password=secret",
            "--server.ssl.key-store=certs/dev/tls/gateway/keystore.p12", "--server.ssl.trust-store=certs/dev/tls/truststore.p12"))
        .hasStackTraceContaining("server.ssl: the prod profile refuses the development TLS material"
            + " (certs/dev/tls/gateway/keystore.p12)");
  }

  @Test
  void prodProfileAsksPartnersForTheirClientCertificate() {
    assertThatThrownBy(() -> run("--spring.datasource.url=jdbc:postgresql://127.0.0.1:9/prod-guard",
            "--spring.datasource.username=swg", "--spring.datasource.password=secret",
            "--server.ssl.key-store=/etc/swg/tls.p12", "--server.ssl.trust-store=/etc/swg/tls-cas.p12",
            "--server.ssl.client-auth=none"))
        .hasStackTraceContaining("server.ssl.client-auth: the prod profile asks partners for their TLS client"
            + " certificate; set it to want (the message endpoint then requires one) or need");
  }

  @org.junit.jupiter.api.io.TempDir static Path tlsCopies;

  private static String copyOfDev(String file) {
    try {
      Path copy = tlsCopies.resolve(file.replace('/', '-'));
      java.nio.file.Files.copy(Path.of("certs/dev").resolve(file), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return copy.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void run(String... arguments) {
    SpringApplication application = new SpringApplication(GatewayApplication.class);
    application.setAdditionalProfiles("prod");
    try (ConfigurableApplicationContext ignored = application.run(arguments)) {
      // must not get here
    }
  }

  private static String stackTrace(Throwable e) {
    java.io.StringWriter out = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }

  @Test
  void prodProfileRefusesPlainTextAndFastDigestOperatorPasswords() {
    assertThatThrownBy(() -> ProductionGuard.checkOperators(withOperator("{noop}dev-only-operator")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("gateway.operators.ops.password: the prod profile refuses {noop} passwords")
        .hasMessageNotContaining("dev-only-operator");
    assertThatThrownBy(() -> ProductionGuard.checkOperators(withOperator("{MD5}5f4dcc3b5aa765d61d8327deb882cf99")))
        .hasMessageContaining("refuses {MD5} passwords");
    assertThatCode(() -> ProductionGuard.checkOperators(
        withOperator("{bcrypt}$2a$10$JobBkSoZ0emS9UkYDWpKRePOkMoJGtkRtBHdCm/05kLsMPek4cDi6"))).doesNotThrowAnyException();
  }

  private static GatewayProperties withOperator(String password) {
    return new Binder(new MapConfigurationPropertySource(Map.of(
        "gateway.signing-key.keystore", "k.p12", "gateway.signing-key.password", "x",
        "gateway.signing-key.alias", "gateway",
        "gateway.operators.ops.role", "OPERATOR", "gateway.operators.ops.password", password)))
        .bind("gateway", GatewayProperties.class).get();
  }
}
