package vn.customs.swg.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.config.GatewayKeyStore;
import vn.customs.swg.trust.material.PartnerDirectory;

/**
 * Wires the gateway's meters and its {@code gatewayKey} health component. Camel finds
 * {@link StepTimers} (an InterceptStrategy) and {@link FlowPolicy} (a RoutePolicyFactory) in the
 * registry and applies them to the routes as they start. Which components make up readiness is
 * configuration: {@code management.endpoint.health.group.readiness.include} in application.yml.
 */
@Configuration(proxyBeanMethods = false)
public class MonitoringConfiguration {

  @Bean
  OutcomeCounters outcomeCounters(MeterRegistry registry, PartnerDirectory partners, MessageTypeCatalogue catalogue) {
    return new OutcomeCounters(registry, partners, catalogue);
  }

  @Bean
  StepTimers stepTimers(MeterRegistry registry) {
    return new StepTimers(registry);
  }

  @Bean
  FlowPolicy flowPolicy(MeterRegistry registry, OutcomeCounters counters) {
    return new FlowPolicy(registry, counters);
  }

  @Bean
  DeadLetterGauges deadLetterGauges(DataSource dataSource, PartnerDirectory partners,
      ObjectProvider<EmbeddedActiveMQ> broker, Clock clock) {
    return new DeadLetterGauges(new JdbcTemplate(dataSource), partners, broker.getIfAvailable(), clock);
  }

  /** Named so that the health component is {@code gatewayKey}. */
  @Bean
  GatewayKeyHealthIndicator gatewayKeyHealthIndicator(GatewayKeyStore keys, Clock clock) {
    return new GatewayKeyHealthIndicator(keys.privateKey(), keys.chain().get(0), clock);
  }
}
