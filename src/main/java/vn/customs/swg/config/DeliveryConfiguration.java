package vn.customs.swg.config;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.delivery.DeadLetterEndpoint;
import vn.customs.swg.delivery.DeadLetterQueue;
import vn.customs.swg.delivery.HttpDeliveryWorker;
import vn.customs.swg.delivery.PartnerReceiptVerifier;
import vn.customs.swg.delivery.PushTlsContext;
import vn.customs.swg.monitoring.OutcomeCounters;
import vn.customs.swg.signature.SenderSignatureVerifier;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.delivery.DeliveryStore;
import vn.customs.swg.trust.CertificateTrustValidator;
import vn.customs.swg.trust.material.PartnerDirectory;

/**
 * Wires outbound delivery: the {@link DeliveryStore} every channel records into (the outbound
 * route creates deliveries in it), the HTTP push worker (started and stopped with the
 * application, polling every {@code gateway.delivery.poll-interval}, default 1 s), the check of
 * partners' receipts with the inbound trust beans, the dead-letter queue and the operator's
 * {@code deadletters} endpoint.
 */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

  @Bean
  DeliveryStore deliveryStore(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
      GatewayProperties properties) {
    return new DeliveryStore(new JdbcTemplate(dataSource), transactions, clock, properties.nodeId());
  }

  @Bean
  PartnerReceiptVerifier partnerReceiptVerifier(HardenedXmlParser parser, SenderSignatureVerifier signatures,
      CertificateTrustValidator trust) {
    return new PartnerReceiptVerifier(parser, signatures, trust);
  }

  @Bean
  DeadLetterQueue deadLetterQueue(JmsTemplate jmsTemplate) {
    return new DeadLetterQueue(jmsTemplate);
  }

  @Bean
  HttpDeliveryWorker httpDeliveryWorker(DeliveryStore deliveries, MessageStore messages, PartnerDirectory partners,
      PartnerReceiptVerifier verifier, DeadLetterQueue deadLetters, GatewayProperties properties, OutcomeCounters counters,
      @Value("${gateway.delivery.poll-interval:PT1S}") String pollInterval) {
    // Parsed here, as Boot binds durations ("PT1S", "500ms"), whatever conversion service is set.
    Duration interval;
    try {
      interval = DurationStyle.detectAndParse(pollInterval);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("gateway.delivery.poll-interval: " + pollInterval
          + " is not a duration; write it as PT1S or 1s", e);
    }
    HttpDeliveryWorker.Settings defaults = HttpDeliveryWorker.Settings.withPollInterval(interval);
    return new HttpDeliveryWorker(deliveries, messages, partners, verifier, deadLetters,
        new HttpDeliveryWorker.Settings(defaults.pollInterval(), defaults.batchSize(), defaults.lease(),
            defaults.connectTimeout(), defaults.requestTimeout(), PushTlsContext.create(properties.pushTls())),
        counters);
  }

  @Bean
  DeadLetterEndpoint deadLetterEndpoint(DeliveryStore deliveries) {
    return new DeadLetterEndpoint(deliveries);
  }
}
