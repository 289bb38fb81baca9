package vn.customs.swg.config;

import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds to the embedded broker what {@code gateway.broker} asks for: the opt-in loopback acceptor
 * ({@link GatewayProperties.LoopbackAcceptor}), so that a process beside the gateway, such as the
 * CLI's {@code bench --broker}, can count the back-end queues, and the journal's buffer timeout,
 * which every persistent back-end send waits out. Spring Boot applies the customizer only to its
 * embedded broker; an external broker is never touched (its broker.xml sets its own).
 */
@Configuration(proxyBeanMethods = false)
public class BrokerConfiguration {

  /** Host of the loopback acceptor: fixed, so no setting can expose the unauthenticated broker. */
  static final String LOOPBACK = "127.0.0.1";

  @Bean
  ArtemisConfigurationCustomizer loopbackAcceptor(GatewayProperties properties) {
    GatewayProperties.LoopbackAcceptor acceptor = properties.broker().loopbackAcceptor();
    long journalBufferTimeout = properties.broker().journalBufferTimeout().toNanos();
    return configuration -> {
      configuration.setJournalBufferTimeout_NIO((int) journalBufferTimeout);
      configuration.setJournalBufferTimeout_AIO((int) journalBufferTimeout);
      if (acceptor.enabled()) {
        // CORE only: the JMS client of the same Artemis version speaks it; nothing else is opened.
        try {
          configuration.addAcceptorConfiguration("loopback",
              "tcp://" + LOOPBACK + ":" + acceptor.port() + "?protocols=CORE");
        } catch (Exception e) {
          throw new ConfigurationException("gateway.broker.loopback-acceptor: cannot add the acceptor on port "
              + acceptor.port(), e);
        }
      }
    };
  }
}
