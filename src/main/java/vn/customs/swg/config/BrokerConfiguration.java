package vn.customs.swg.config;

import java.time.Duration;
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

  /** Far above any sensible value (Artemis' defaults are 0.5 and 3.33 ms), and fits its int of nanoseconds. */
  static final Duration MAX_JOURNAL_BUFFER_TIMEOUT = Duration.ofSeconds(1);

  @Bean
  ArtemisConfigurationCustomizer embeddedBrokerAdditions(GatewayProperties properties) {
    GatewayProperties.LoopbackAcceptor acceptor = properties.broker().loopbackAcceptor();
    long journalBufferTimeout = properties.broker().journalBufferTimeout().toNanos();
    // Artemis takes nanoseconds as an int: a value of seconds (a typo for ms) would wrap around.
    if (journalBufferTimeout <= 0 || journalBufferTimeout > MAX_JOURNAL_BUFFER_TIMEOUT.toNanos()) {
      throw new ConfigurationException("gateway.broker.journal-buffer-timeout must be more than 0 and at most "
          + MAX_JOURNAL_BUFFER_TIMEOUT.toMillis() + " ms, got " + properties.broker().journalBufferTimeout());
    }
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
