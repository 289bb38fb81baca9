package vn.customs.swg.simulator;

import java.time.Clock;
import java.util.Arrays;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.admission.SchemaRegistry;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.config.ConfigurationException;
import vn.customs.swg.config.GatewayProperties;

/**
 * Builds the back-end simulator, with the {@code demo} profile only. It refuses to start next to
 * {@code prod}: the simulator answers for Customs, with made-up decisions, to real partners.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
@EnableConfigurationProperties(SimulatorProperties.class)
class SimulatorConfiguration {

  // The forwarded envelope is the partner's message plus Routing and the system signature, so it
  // may exceed the admission cap by a few kilobytes.
  private static final int FORWARDING_OVERHEAD_BYTES = 64 * 1024;

  @Bean
  BackendSimulator backendSimulator(GatewayProperties gateway, SimulatorProperties simulator,
      MessageTypeCatalogue catalogue, SchemaRegistry schemas, Clock clock, Environment environment) {
    if (Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
      throw new ConfigurationException("the demo profile runs a back-end simulator that answers partners for "
          + "Customs with made-up decisions: remove demo from spring.profiles.active when prod is active");
    }
    GatewayProperties.Admission admission = gateway.admission();
    HardenedXmlParser parser = new HardenedXmlParser(admission.maxMessageBytes() + FORWARDING_OVERHEAD_BYTES,
        admission.maxElementDepth(), admission.maxAttributesPerElement());
    DeclarationLedger ledger = DeclarationLedger.seeded();
    BusinessDocuments documents = new BusinessDocuments();
    return new BackendSimulator(parser, schemas, catalogue, documents,
        new ReplyWriter(gateway.customsIdentity(), documents, clock),
        new PaymentDesk(ledger, clock),
        new LicensingDesk(ledger, simulator.customsOffice(), clock),
        new EFormDDesk(clock),
        new AcddDesk(simulator.customsOffice(), clock));
  }
}
