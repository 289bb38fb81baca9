package vn.customs.swg.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
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
        "--" + "gateway.partners.vcb.certificates" + "=" + "certs/dev/partners/vcb/cert.pem",
        // prod logs JSON; plain text keeps the console of the tests after this one readable
        "--" + "logging.structured.format.console" + "="};


    assertThatThrownBy(() -> {
      try (ConfigurableApplicationContext ignored = application.run(arguments)) {
        // must not get here
      }
    }).hasStackTraceContaining(ConfigurationException.class.getName())
        .hasStackTraceContaining("the prod profile refuses the development key from certs/dev");
  }
}
