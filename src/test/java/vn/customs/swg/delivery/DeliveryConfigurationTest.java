package vn.customs.swg.delivery;

import vn.customs.swg.testsupport.MigratedDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.WebEndpointsSupplier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.config.DeliveryConfiguration;
import vn.customs.swg.config.GatewayKeyStore;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.config.TrustMaterialConfiguration;
import vn.customs.swg.monitoring.OutcomeCounters;
import vn.customs.swg.signature.SenderSignatureVerifier;
import vn.customs.swg.signature.SignatureProfile;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.delivery.DeliveryStore;
import vn.customs.swg.trust.CertificateTrustValidator;
import vn.customs.swg.trust.material.PartnerDirectory;
import vn.customs.swg.trust.revocation.RevocationChecker;
import vn.customs.swg.trust.revocation.RevocationSettings;

/**
 * The delivery wiring on application.yml and the dev partners: the store the outbound route
 * injects, the worker started and stopped with the context, the {@code deadletters} endpoint,
 * and a poll interval that is not a duration stopping start-up with the key to fix.
 */
class DeliveryConfigurationTest {

  /** What GatewayConfiguration and Boot provide to delivery, on an in-memory database, no broker. */
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(GatewayProperties.class)
  static class GatewayBeans {
    @Bean
    Clock clock() {
      return Clock.systemUTC();
    }

    @Bean
    MessageTypeCatalogue messageTypeCatalogue(GatewayProperties properties) {
      return new MessageTypeCatalogue(properties.messageTypes(), getClass().getClassLoader());
    }

    @Bean
    GatewayKeyStore gatewayKeyStore() {
      return GatewayKeyStore.load(
          new GatewayProperties.Keystore(Path.of("certs/dev/gateway/keystore.p12"), "changeit", "gateway"));
    }

    @Bean
    DataSource dataSource() {
      return MigratedDatabase.inMemory();
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    MessageStore messageStore(DataSource dataSource, PlatformTransactionManager transactions, Clock clock) {
      return new MessageStore(new JdbcTemplate(dataSource), transactions, clock, "swg-node-1");
    }

    @Bean
    HardenedXmlParser hardenedXmlParser() {
      return HardenedXmlParser.withDefaults();
    }

    @Bean
    SenderSignatureVerifier senderSignatureVerifier() {
      return new SenderSignatureVerifier(new SignatureProfile());
    }

    @Bean
    CertificateTrustValidator certificateTrustValidator(Clock clock) {
      return new CertificateTrustValidator(clock, new RevocationChecker(new RevocationSettings(Duration.ofSeconds(1),
          1 << 20, List.of(), Duration.ofMinutes(1), 100, Duration.ofMinutes(5)), clock));
    }

    @Bean
    OutcomeCounters outcomeCounters(PartnerDirectory partners, MessageTypeCatalogue catalogue) {
      return new OutcomeCounters(new SimpleMeterRegistry(), partners, catalogue);
    }

    @Bean
    JmsTemplate jmsTemplate() {
      return new RecordingJmsTemplate();
    }
  }

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withInitializer(new ConfigDataApplicationContextInitializer())
      .withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class))
      .withUserConfiguration(GatewayBeans.class, TrustMaterialConfiguration.class, DeliveryConfiguration.class);

  @Test
  void wiresTheStoreTheEndpointAndAWorkerThatRunsWithTheContext() {
    HttpDeliveryWorker[] worker = new HttpDeliveryWorker[1];
    runner.withPropertyValues("management.endpoints.web.exposure.include=deadletters",
            "gateway.delivery.poll-interval=50ms")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(DeliveryStore.class)
              .hasSingleBean(PartnerReceiptVerifier.class).hasSingleBean(DeadLetterEndpoint.class);
          worker[0] = context.getBean(HttpDeliveryWorker.class);
          assertThat(worker[0].isRunning()).isTrue();
          assertThat(context.getBean(WebEndpointsSupplier.class).getEndpoints())
              .extracting(endpoint -> endpoint.getEndpointId()).contains(EndpointId.of("deadletters"));
          assertThat(context.getBean(DeadLetterEndpoint.class).deadLetters()).isEmpty();
        });

    assertThat(worker[0].isRunning()).as("stopped with the context").isFalse();
  }

  @Test
  void pollIntervalThatIsNotADurationStopsStartUp() {
    runner.withPropertyValues("gateway.delivery.poll-interval=often").run(context ->
        assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("gateway.delivery.poll-interval: often is not a duration"));
  }
}
