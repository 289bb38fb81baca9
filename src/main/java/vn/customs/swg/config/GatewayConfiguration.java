package vn.customs.swg.config;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import vn.customs.swg.admission.EnvelopeAdmission;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.admission.SchemaRegistry;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.receipt.ReceiptFactory;
import vn.customs.swg.signature.MessageSigner;
import vn.customs.swg.signature.SenderSignatureVerifier;
import vn.customs.swg.signature.SignatureProfile;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.trust.CertificateTrustValidator;
import vn.customs.swg.trust.material.PartnerDirectory;
import vn.customs.swg.trust.revocation.RevocationChecker;
import vn.customs.swg.trust.revocation.RevocationSettings;

/**
 * Builds the gateway's plain beans from {@link GatewayProperties}, once: schemas compiled, keys
 * and certificates loaded, registries checked. Anything inconsistent fails start-up here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayConfiguration {

  /** Envelope times are GMT+7, as in the 2025 tax-authority profile. */
  static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  static final String ENVELOPE_SCHEMA = "schemas/envelope/envelope-1.xsd";

  /**
   * The prod profile's database check ({@link ProductionGuard#checkDatabase}), run before any bean
   * is created: nothing may connect, and Spring Boot must not fall back to an in-memory database,
   * when the operator's PostgreSQL settings are missing.
   */
  @Bean
  static BeanFactoryPostProcessor productionDatabaseCheck(Environment environment) {
    return beanFactory -> {
      if (Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
        ProductionGuard.checkDatabase(environment.getProperty("spring.datasource.url"),
            environment.getProperty("spring.datasource.username"),
            environment.getProperty("spring.datasource.password"));
      }
    };
  }

  /**
   * The embedded broker remembers this many duplicate-detection ids per address (Artemis' default,
   * 20,000, is minutes of traffic at peak): a message sent again by a sweeper or a resend is dropped
   * only while its first send's id is remembered (GatewayProperties.Dispatch). An external broker
   * sets {@code id-cache-size} in its broker.xml (bench/topology.sh, README).
   */
  @Bean
  ArtemisConfigurationCustomizer duplicateIdCache(GatewayProperties properties) {
    return configuration -> configuration.setIDCacheSize(properties.dispatch().idCacheSize());
  }

  @Bean
  Clock clock() {
    return Clock.system(VIETNAM);
  }

  @Bean
  MessageTypeCatalogue messageTypeCatalogue(GatewayProperties properties) {
    return new MessageTypeCatalogue(properties.messageTypes(), getClass().getClassLoader());
  }

  @Bean
  GatewayKeyStore gatewayKeyStore(GatewayProperties properties, Environment environment) {
    GatewayKeyStore keys = GatewayKeyStore.load(properties.signingKey());
    if (Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
      // Partners' trust material is checked by TrustMaterialConfiguration, at start and every reload.
      ProductionGuard.checkKey(properties, keys);
    }
    return keys;
  }

  @Bean
  HardenedXmlParser hardenedXmlParser(GatewayProperties properties) {
    GatewayProperties.Admission admission = properties.admission();
    return new HardenedXmlParser(admission.maxMessageBytes(), admission.maxElementDepth(),
        admission.maxAttributesPerElement());
  }

  @Bean
  SchemaRegistry schemaRegistry(MessageTypeCatalogue catalogue) {
    SchemaRegistry registry = new SchemaRegistry();
    // Compile every schema now: a broken schema fails start-up, and no request pays for it.
    registry.schema(ENVELOPE_SCHEMA);
    catalogue.all().forEach(type -> registry.schema(type.schema()));
    return registry;
  }

  @Bean
  EnvelopeAdmission envelopeAdmission(HardenedXmlParser parser, SchemaRegistry schemas,
      GatewayProperties properties, Clock clock) {
    return new EnvelopeAdmission(parser, schemas, ENVELOPE_SCHEMA, properties.admission().maxClockSkew(), clock);
  }

  @Bean
  SenderSignatureVerifier senderSignatureVerifier() {
    return new SenderSignatureVerifier(new SignatureProfile());
  }

  @Bean
  MessageSigner messageSigner(GatewayKeyStore keys) {
    return new MessageSigner(keys.privateKey(), keys.chainWithoutRoot());
  }

  @Bean
  RevocationChecker revocationChecker(GatewayProperties properties, Clock clock, PartnerDirectory partners) {
    GatewayProperties.Revocation settings = properties.trust().revocation();
    RevocationChecker checker = new RevocationChecker(new RevocationSettings(settings.timeout(),
        settings.maxCrlBytes(), settings.allowedUrls(), settings.cachePeriodWithoutNextUpdate(),
        settings.cacheMaxEntries(), settings.clockSkew()), clock);
    // New trust material may bring new CRL files or responders: start from fresh answers.
    partners.onReload(checker::clear);
    return checker;
  }

  @Bean
  CertificateTrustValidator certificateTrustValidator(Clock clock, RevocationChecker revocationChecker) {
    return new CertificateTrustValidator(clock, revocationChecker);
  }

  @Bean
  ReceiptFactory receiptFactory(MessageSigner signer, Clock clock, GatewayProperties properties) {
    return new ReceiptFactory(signer, clock, properties.customsIdentity());
  }

  @Bean
  MessageStore messageStore(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
      GatewayProperties properties) {
    return new MessageStore(new JdbcTemplate(dataSource), transactions, clock, properties.nodeId());
  }
}
