package vn.customs.swg.trust.material;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.WebEndpointsSupplier;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.health.StatusAggregator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import vn.customs.swg.config.GatewayKeyStore;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.config.TrustMaterialConfiguration;
import vn.customs.swg.testsupport.CatalogueBeans;
import vn.customs.swg.testsupport.TestPki;

/**
 * The wiring on application.yml: the trust health component ordered and mapped as configured,
 * the trust endpoint exposed, gauges bound, the watcher started and stopped with the context;
 * and the prod guard applied to every reload, not only to start-up.
 */
class TrustMaterialConfigurationTest {

  @TempDir
  Path dir;

  @Test
  void devConfigurationExposesTrustHealthEndpointAndGaugesAndRunsTheWatcher() {
    new WebApplicationContextRunner()
        .withInitializer(new ConfigDataApplicationContextInitializer())
        .withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
            HealthContributorAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
            MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class))
        .withUserConfiguration(CatalogueBeans.class, TrustMaterialConfiguration.class)
        .withBean(GatewayKeyStore.class, () -> GatewayKeyStore.load(new GatewayProperties.Keystore(
            Path.of("certs/dev/gateway/keystore.p12"), "changeit", "gateway")))
        // The readiness group of application.yml names components not wired here (db, jms,
        // gatewayKey); monitoring.ReadinessTest checks that group.
        .withPropertyValues("management.endpoint.health.validate-group-membership=false")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(PartnerDirectory.class).status().partners()).isEqualTo(4);
          assertThat(context.getBean(TrustFileWatcher.class).isRunning()).isTrue();

          HealthComponent trust = context.getBean(HealthEndpoint.class).healthForPath("trust");
          assertThat(trust.getStatus()).isEqualTo(Status.UP);
          StatusAggregator aggregator = context.getBean(StatusAggregator.class);
          assertThat(aggregator.getAggregateStatus(Status.UP, TrustHealthIndicator.WARNING))
              .isEqualTo(TrustHealthIndicator.WARNING);
          assertThat(aggregator.getAggregateStatus(Status.DOWN, TrustHealthIndicator.WARNING)).isEqualTo(Status.DOWN);
          assertThat(context.getBean(HttpCodeStatusMapper.class).getStatusCode(TrustHealthIndicator.WARNING))
              .isEqualTo(200);

          assertThat(context.getBean(WebEndpointsSupplier.class).getEndpoints())
              .extracting(endpoint -> endpoint.getEndpointId())
              .contains(EndpointId.of("trust"), EndpointId.of("health"));
          assertThat(context.getBean(MeterRegistry.class).get("swg.certificate.expiry.days")
              .tags("owner", "gateway", "role", "gateway").gauge().value()).isPositive();
          assertThat(context.getEnvironment().getProperty("management.server.address")).isEqualTo("127.0.0.1");
          assertThat(context.getEnvironment().getProperty("management.server.port"))
              .isNotEqualTo(context.getEnvironment().getProperty("server.port"));
        });
  }

  @Test
  void watcherStopsWithTheContext() {
    TrustFileWatcher[] watcher = new TrustFileWatcher[1];
    new ApplicationContextRunner()
        .withInitializer(new ConfigDataApplicationContextInitializer())
        .withUserConfiguration(CatalogueBeans.class, TrustMaterialConfiguration.class)
        .withBean(GatewayKeyStore.class, () -> GatewayKeyStore.load(new GatewayProperties.Keystore(
            Path.of("certs/dev/gateway/keystore.p12"), "changeit", "gateway")))
        .run(context -> watcher[0] = context.getBean(TrustFileWatcher.class));

    assertThat(watcher[0].isRunning()).isFalse();
  }

  @Test
  void prodProfileRefusesADevelopmentCaCopiedOverAnAnchorAtReload() {
    TestPki.Ca bankCa = TestPki.rootCa("O=Test Bank,CN=Bank CA");
    TestPki.Ca gatewayCa = TestPki.rootCa("O=Test Customs,CN=Gateway CA");
    TestPki.Issued gateway = gatewayCa.issue("O=Test Customs,CN=Gateway");
    Path anchor = TrustFixture.writePem(dir.resolve("bank-ca.pem"), bankCa.certificate());
    Path certificate = TrustFixture.writePem(dir.resolve("vcb.pem"), bankCa.issue("O=Test Bank,CN=VCB").certificate());
    new ApplicationContextRunner()
        .withUserConfiguration(CatalogueBeans.class, TrustMaterialConfiguration.class)
        .withBean(GatewayKeyStore.class, () -> new GatewayKeyStore(gateway.keyPair().getPrivate(),
            List.of(gateway.certificate(), gatewayCa.certificate())))
        .withPropertyValues("spring.profiles.active=prod",
            "gateway.signing-key.keystore=" + dir.resolve("prod.p12"), "gateway.signing-key.password=x",
            "gateway.signing-key.alias=gateway",
            "gateway.message-types.TAX_PAYMENT_NOTICE.direction=INBOUND",
            "gateway.message-types.TAX_PAYMENT_NOTICE.schema=schemas/bank/tax-payment-notice/tax-payment-notice-1.xsd",
            "gateway.message-types.TAX_PAYMENT_NOTICE.queue=customs.payments.in",
            "gateway.message-types.TAX_PAYMENT_NOTICE.sender-kinds=BANK",
            "gateway.partners.vcb.kind=BANK", "gateway.partners.vcb.identity=01203001",
            "gateway.partners.vcb.trust-anchors=" + anchor, "gateway.partners.vcb.certificates=" + certificate,
            "gateway.partners.vcb.allowed-message-types=TAX_PAYMENT_NOTICE")
        .run(context -> {
          assertThat(context).hasNotFailed();
          PartnerDirectory directory = context.getBean(PartnerDirectory.class);

          TrustFixture.copyDev("ca/public-ca.pem", anchor);
          ReloadOutcome outcome = directory.reload("files changed");

          assertThat(outcome.succeeded()).isFalse();
          assertThat(outcome.failure()).contains("gateway.partners.vcb.trust-anchors")
              .contains("refuses the development CAs");
          assertThat(directory.current().findById("vcb").orElseThrow().trust().anchors())
              .extracting(a -> a.getTrustedCert()).containsExactly(bankCa.certificate());
        });
  }
}
