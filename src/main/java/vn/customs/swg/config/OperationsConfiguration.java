package vn.customs.swg.config;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.delivery.DeadLetterReplay;
import vn.customs.swg.operations.PartnerOverview;
import vn.customs.swg.signature.GatewaySignatureVerifier;
import vn.customs.swg.signature.SignatureProfile;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.delivery.DeliveryStore;
import vn.customs.swg.store.search.MessageSearch;
import vn.customs.swg.trust.material.CertificateExpiryWatch;
import vn.customs.swg.trust.material.PartnerDirectory;

/**
 * Wires what operators use, through the console and the admin API alike: the message search
 * over the store, dead letters and their replay, and the partners with their certificates.
 */
@Configuration(proxyBeanMethods = false)
public class OperationsConfiguration {

  /** Room for what the gateway adds to a message it signs: Routing and the system signature. */
  static final int SIGNED_OVERHEAD_BYTES = 64 * 1024;

  @Bean
  MessageSearch messageSearch(DataSource dataSource, MessageStore messages, DeliveryStore deliveries,
      GatewayProperties properties, GatewayKeyStore keys, Clock clock) {
    GatewayProperties.Admission admission = properties.admission();
    // Stored signed bytes are re-verified: parsed as hardened as any input, a little larger than
    // the submission cap because the gateway's Routing block and signature were added.
    HardenedXmlParser parser = new HardenedXmlParser(admission.maxMessageBytes() + SIGNED_OVERHEAD_BYTES,
        admission.maxElementDepth(), admission.maxAttributesPerElement());
    return new MessageSearch(new JdbcTemplate(dataSource), messages, deliveries, parser,
        new GatewaySignatureVerifier(new SignatureProfile()), keys.chain().get(0), clock.getZone());
  }

  @Bean
  DeadLetterReplay deadLetterReplay(DeliveryStore deliveries) {
    return new DeadLetterReplay(deliveries);
  }

  @Bean
  PartnerOverview partnerOverview(PartnerDirectory directory, CertificateExpiryWatch expiryWatch,
      GatewayProperties properties, Clock clock) {
    return new PartnerOverview(directory, expiryWatch, properties.trust().expiryWarning(), clock);
  }
}
