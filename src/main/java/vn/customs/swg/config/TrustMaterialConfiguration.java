package vn.customs.swg.config;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.partner.PartnerRegistry;
import vn.customs.swg.trust.material.CertificateExpiryWatch;
import vn.customs.swg.trust.material.PartnerDirectory;
import vn.customs.swg.trust.material.TrustEndpoint;
import vn.customs.swg.trust.material.TrustFileWatcher;
import vn.customs.swg.trust.material.TrustFiles;
import vn.customs.swg.trust.material.TrustHealthIndicator;
import vn.customs.swg.trust.material.TrustMetrics;

/**
 * Wires trust material at run time: the {@link PartnerDirectory} (first load fails start-up, later
 * loads never replace good material with broken), the file watcher that reloads it, the operator
 * endpoint, the {@code trust} health component and the trust metrics. Every load, not only the
 * first, goes through the prod profile's guard, so a development CA copied over a production
 * anchor file is refused at reload as it would be at start-up.
 */
@Configuration(proxyBeanMethods = false)
public class TrustMaterialConfiguration {

  @Bean
  PartnerDirectory partnerDirectory(GatewayProperties properties, MessageTypeCatalogue catalogue, GatewayKeyStore keys,
      Environment environment, Clock clock) {
    boolean prod = Arrays.asList(environment.getActiveProfiles()).contains("prod");
    return new PartnerDirectory(() -> {
      PartnerRegistry registry = new PartnerRegistry(properties.partners(), catalogue);
      if (prod) {
        ProductionGuard.check(properties, keys, registry);
      }
      return registry;
    }, clock);
  }

  @Bean
  TrustFileWatcher trustFileWatcher(PartnerDirectory directory, GatewayProperties properties) {
    Collection<Path> files = TrustFiles.of(properties.partners());
    return new TrustFileWatcher(directory, () -> files, properties.trust().reloadInterval());
  }

  @Bean
  CertificateExpiryWatch certificateExpiryWatch(PartnerDirectory directory, GatewayKeyStore keys,
      GatewayProperties properties, Clock clock) {
    return new CertificateExpiryWatch(directory::current, keys.chain(), properties.trust().expiryWarning(), clock);
  }

  @Bean
  TrustEndpoint trustEndpoint(PartnerDirectory directory, CertificateExpiryWatch expiryWatch) {
    return new TrustEndpoint(directory, expiryWatch);
  }

  /** Named so that the health component is {@code trust}. */
  @Bean
  TrustHealthIndicator trustHealthIndicator(PartnerDirectory directory, CertificateExpiryWatch expiryWatch) {
    return new TrustHealthIndicator(directory, expiryWatch);
  }

  @Bean
  TrustMetrics trustMetrics(PartnerDirectory directory, CertificateExpiryWatch expiryWatch) {
    return new TrustMetrics(directory, expiryWatch);
  }
}
