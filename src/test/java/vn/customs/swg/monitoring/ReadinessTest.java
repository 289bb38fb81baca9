package vn.customs.swg.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.jdbc.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.jms.JmsHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import vn.customs.swg.config.GatewayKeyStore;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.config.TrustMaterialConfiguration;
import vn.customs.swg.testsupport.CatalogueBeans;
import vn.customs.swg.testsupport.MigratedDatabase;
import vn.customs.swg.testsupport.TestPki;
import vn.customs.swg.trust.material.TrustHealthIndicator;

/**
 * The readiness probe as application.yml composes it: UP only when the broker, the database, the
 * signing key and the trust material all are; a database that does not answer, an external broker
 * that is down (native mode, as in the prod profile) or an expired gateway certificate takes the
 * node out of the load balancer; a trust WARNING does not.
 */
class ReadinessTest {

  private static final TestPki.Ca CA = TestPki.rootCa("CN=Test Gateway CA");

  /** What Boot provides besides the catalogue: a broker that answers, meters. */
  @Configuration(proxyBeanMethods = false)
  static class BrokerAndMeters {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean
    ConnectionFactory connectionFactory() throws Exception {
      ConnectionFactory broker = mock(ConnectionFactory.class, RETURNS_DEEP_STUBS);
      when(broker.createConnection().getMetaData().getJMSProviderName()).thenReturn("test broker");
      return broker;
    }
  }

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withInitializer(new ConfigDataApplicationContextInitializer())
      .withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class,
          HealthEndpointAutoConfiguration.class, DataSourceHealthContributorAutoConfiguration.class,
          JmsHealthContributorAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
          AvailabilityHealthContributorAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class))
      .withUserConfiguration(CatalogueBeans.class, BrokerAndMeters.class, TrustMaterialConfiguration.class,
          MonitoringConfiguration.class);

  @Test
  void readyWhenBrokerDatabaseKeyAndTrustAreUp() {
    runner.withBean(DataSource.class, MigratedDatabase::inMemory)
        .withBean(GatewayKeyStore.class, ReadinessTest::devKey)
        .run(context -> {
          CompositeHealth readiness = readiness(context);
          assertThat(readiness.getComponents()).containsOnlyKeys("readinessState", "db", "jms", "gatewayKey", "trust");
          assertThat(readiness.getStatus()).isEqualTo(Status.UP);
        });
  }

  @Test
  void notReadyWhenTheDatabaseDoesNotAnswer() {
    // Nothing listens on 127.0.0.1:1: the connection is refused at once.
    runner.withBean(DataSource.class, () -> new DriverManagerDataSource("jdbc:h2:tcp://127.0.0.1:1/nowhere", "swg", ""))
        .withBean(GatewayKeyStore.class, ReadinessTest::devKey)
        .run(context -> {
          CompositeHealth readiness = readiness(context);
          assertThat(readiness.getComponents().get("db").getStatus()).isEqualTo(Status.DOWN);
          assertThat(readiness.getStatus()).isEqualTo(Status.DOWN);
          assertThat(httpStatus(context.getBean(HealthEndpointGroups.class), readiness.getStatus())).isEqualTo(503);
        });
  }

  @Test
  void notReadyWhenTheGatewayCertificateHasExpired() {
    runner.withBean(DataSource.class, MigratedDatabase::inMemory)
        .withBean(GatewayKeyStore.class, () -> issuedKey(Instant.now().minus(Duration.ofDays(400)),
            Instant.now().minus(Duration.ofDays(1))))
        .run(context -> {
          CompositeHealth readiness = readiness(context);
          assertThat(readiness.getComponents().get("gatewayKey").getStatus()).isEqualTo(Status.DOWN);
          assertThat(readiness.getStatus()).isEqualTo(Status.DOWN);
          assertThat(httpStatus(context.getBean(HealthEndpointGroups.class), readiness.getStatus())).isEqualTo(503);
        });
  }

  @Test
  void aTrustWarningKeepsTheNodeReady() {
    // The gateway certificate expires within gateway.trust.expiry-warning: an operator must act,
    // but the node still signs and verifies, and every node shares the material: none may drop out.
    runner.withBean(DataSource.class, MigratedDatabase::inMemory)
        .withBean(GatewayKeyStore.class, () -> issuedKey(Instant.now().minus(Duration.ofDays(300)),
            Instant.now().plus(Duration.ofDays(10))))
        .run(context -> {
          CompositeHealth readiness = readiness(context);
          assertThat(readiness.getComponents().get("gatewayKey").getStatus()).isEqualTo(Status.UP);
          assertThat(readiness.getStatus()).isEqualTo(TrustHealthIndicator.WARNING);
          assertThat(httpStatus(context.getBean(HealthEndpointGroups.class), readiness.getStatus())).isEqualTo(200);
        });
  }

  /** Meters only: the broker is Boot's own Artemis client. */
  @Configuration(proxyBeanMethods = false)
  static class Meters {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  @Test
  void readinessFollowsAnExternalBrokerAsTheProdProfileConnectsToIt(@TempDir Path dir) throws Exception {
    // As application-prod.yml: spring.artemis.mode=native, the embedded broker off; the external
    // broker is a real Artemis server on 127.0.0.1 that this test stops and starts again.
    String url = "tcp://127.0.0.1:29941";
    new ApplicationContextRunner()
        .withInitializer(new ConfigDataApplicationContextInitializer())
        .withConfiguration(AutoConfigurations.of(ArtemisAutoConfiguration.class, HealthContributorAutoConfiguration.class,
            HealthEndpointAutoConfiguration.class, DataSourceHealthContributorAutoConfiguration.class,
            JmsHealthContributorAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
            AvailabilityHealthContributorAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class))
        .withUserConfiguration(CatalogueBeans.class, Meters.class, TrustMaterialConfiguration.class,
            MonitoringConfiguration.class)
        .withPropertyValues("spring.artemis.mode=native", "spring.artemis.embedded.enabled=false",
            "spring.artemis.broker-url=" + url)
        .withBean(DataSource.class, MigratedDatabase::inMemory)
        .withBean(GatewayKeyStore.class, ReadinessTest::devKey)
        .run(context -> {
          EmbeddedActiveMQ broker = externalBroker(dir, url);
          try {
            assertThat(readiness(context).getStatus()).isEqualTo(Status.UP);

            broker.stop();
            CompositeHealth down = readinessOnceItIs(context, Status.DOWN);
            assertThat(down.getComponents().get("jms").getStatus()).isEqualTo(Status.DOWN);
            assertThat(httpStatus(context.getBean(HealthEndpointGroups.class), down.getStatus())).isEqualTo(503);

            broker = externalBroker(dir, url);
            // back by itself: no restart of the gateway
            assertThat(readinessOnceItIs(context, Status.UP).getStatus()).isEqualTo(Status.UP);
          } finally {
            broker.stop();
          }
        });
  }

  private static EmbeddedActiveMQ externalBroker(Path dir, String url) throws Exception {
    ConfigurationImpl configuration = new ConfigurationImpl();
    configuration.setPersistenceEnabled(false).setSecurityEnabled(false).setJMXManagementEnabled(false)
        .addAcceptorConfiguration("external", url);
    configuration.setBrokerInstance(dir.toFile());
    EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(configuration);
    broker.start();
    return broker;
  }

  // The health of a connection that just broke may need a moment to show: polled, bounded by 20 s.
  private static CompositeHealth readinessOnceItIs(AssertableApplicationContext context, Status expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    CompositeHealth readiness = readiness(context);
    while (!readiness.getStatus().equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      readiness = readiness(context);
    }
    return readiness;
  }

  /** The readiness group once the application has started (the runner publishes no ready event). */
  private static CompositeHealth readiness(AssertableApplicationContext context) {
    AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    return (CompositeHealth) context.getBean(HealthEndpoint.class).healthForPath("readiness");
  }

  private static int httpStatus(HealthEndpointGroups groups, Status status) {
    return groups.get("readiness").getHttpCodeStatusMapper().getStatusCode(status);
  }

  private static GatewayKeyStore devKey() {
    return GatewayKeyStore.load(new GatewayProperties.Keystore(Path.of("certs/dev/gateway/keystore.p12"), "changeit",
        "gateway"));
  }

  private static GatewayKeyStore issuedKey(Instant notBefore, Instant notAfter) {
    TestPki.Issued gateway = CA.issue("CN=Test Gateway", TestPki.rsa(2048), notBefore, notAfter,
        KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
    return new GatewayKeyStore(gateway.keyPair().getPrivate(), List.of(gateway.certificate(), CA.certificate()));
  }
}
