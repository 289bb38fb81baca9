package vn.customs.swg.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * The embedded broker gets a TCP acceptor only when asked, and then on 127.0.0.1 alone; its journal
 * syncs after at most the configured buffer timeout, whichever journal type the machine allows.
 */
class BrokerConfigurationTest {

  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(GatewayProperties.class)
  static class PropertiesOnly {}

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(PropertiesOnly.class, BrokerConfiguration.class)
      .withPropertyValues("gateway.signing-key.keystore=k.p12", "gateway.signing-key.password=x",
          "gateway.signing-key.alias=gateway");

  @Test
  void noAcceptorByDefault() {
    runner.run(context -> {
      Configuration broker = customized(context);
      assertThat(broker.getAcceptorConfigurations()).isEmpty();
    });
  }

  @Test
  void enabledItListensOnLoopbackOnlyOnTheConfiguredPort() {
    runner.withPropertyValues("gateway.broker.loopback-acceptor.enabled=true",
        "gateway.broker.loopback-acceptor.port=29911").run(context -> {
          Configuration broker = customized(context);
          assertThat(broker.getAcceptorConfigurations()).hasSize(1);
          TransportConfiguration acceptor = broker.getAcceptorConfigurations().iterator().next();
          assertThat(acceptor.getParams()).containsEntry("host", "127.0.0.1").containsEntry("port", "29911");
        });
  }

  @Test
  void theJournalSyncsWithinHalfAMillisecondByDefault() {
    runner.run(context -> {
      Configuration broker = customized(context);
      assertThat(broker.getJournalBufferTimeout_NIO()).isEqualTo(500_000);
      assertThat(broker.getJournalBufferTimeout_AIO()).isEqualTo(500_000);
    });
  }

  @Test
  void theJournalBufferTimeoutIsConfigurable() {
    runner.withPropertyValues("gateway.broker.journal-buffer-timeout=3ms").run(context -> {
      Configuration broker = customized(context);
      assertThat(broker.getJournalBufferTimeout_NIO()).isEqualTo(3_000_000);
      assertThat(broker.getJournalBufferTimeout_AIO()).isEqualTo(3_000_000);
    });
  }

  @Test
  void aJournalBufferTimeoutOfSecondsIsRefusedAtStartRatherThanWrappedAround() {
    runner.withPropertyValues("gateway.broker.journal-buffer-timeout=3s").run(context ->
        assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("gateway.broker.journal-buffer-timeout must be more than 0 and at most 1000 ms"));
  }

  /** A fresh broker configuration as the gateway's customizer leaves it. */
  private static Configuration customized(ApplicationContext context) {
    Configuration broker = new ConfigurationImpl();
    context.getBean(ArtemisConfigurationCustomizer.class).customize(broker);
    return broker;
  }
}
