package vn.customs.swg.config;

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

/** The prod profile refuses to start on the development PKI, with a sentence that says so. */
class ProductionGuardTest {

  @Test
  void prodProfileRefusesTheDevGatewayKey() {
    SpringApplication application = new SpringApplication(GatewayApplication.class);
    application.setAdditionalProfiles("prod");
    // Command-line arguments, so they win over application-prod.yml like an operator's would.
    String[] arguments = {
        "--" + "server.port" + "=" + "0",
        "--" + "spring.datasource.url" + "=" + "jdbc:h2:mem:prod-guard",
        "--" + "spring.artemis.mode" + "=" + "embedded",
        "--" + "spring.artemis.embedded.enabled" + "=" + "true",
        "--" + "spring.artemis.embedded.persistent" + "=" + "false",
        "--" + "gateway.signing-key.keystore" + "=" + Path.of("certs/dev/gateway/keystore.p12").toString(),
        "--" + "gateway.signing-key.password" + "=" + "changeit",
        "--" + "gateway.signing-key.alias" + "=" + "gateway",
        "--" + "gateway.partners.vcb.kind" + "=" + "BANK",
        "--" + "gateway.partners.vcb.identity" + "=" + "01203001",
        "--" + "gateway.partners.vcb.trust-anchors" + "=" + "certs/dev/ca/public-ca.pem",
        "--" + "gateway.partners.vcb.certificates" + "=" + "certs/dev/partners/vcb/cert.pem"};


    assertThatThrownBy(() -> {
      try (ConfigurableApplicationContext ignored = application.run(arguments)) {
        // must not get here
      }
    }).hasStackTraceContaining(ConfigurationException.class.getName())
        .hasStackTraceContaining("the prod profile refuses the development key from certs/dev");
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
