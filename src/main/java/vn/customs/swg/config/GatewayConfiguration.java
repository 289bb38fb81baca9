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
import vn.customs.swg.channel.InFlightBudget;
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
   * The prod profile's checks that run before any bean is created: the database
   * ({@link ProductionGuard#checkDatabase}: nothing may connect, and Spring Boot must not fall back
   * to an in-memory database, when the operator's PostgreSQL settings are missing), then the TLS
   * connector of the partners' port ({@link #checkTlsConnector}).
   */
  @Bean
  static BeanFactoryPostProcessor productionChecks(Environment environment) {
    return beanFactory -> {
      if (Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
        ProductionGuard.checkDatabase(environment.getProperty("spring.datasource.url"),
            environment.getProperty("spring.datasource.username"),
            environment.getProperty("spring.datasource.password"));
        checkTlsConnector(environment);
      }
    };
  }

  /**
   * Partners' port on TLS with client certificates (the transport identity SWG-SEC-010 is checked
   * against), never on the dev material of certs/dev. TLS ends at the gateway: a load balancer in
   * front passes TCP through, or the client certificate never reaches the gateway.
   */
  static void checkTlsConnector(Environment environment) {
    String keyStore = environment.getProperty("server.ssl.key-store");
    String trustStore = environment.getProperty("server.ssl.trust-store");
    if (!environment.getProperty("server.ssl.enabled", Boolean.class, false)
        || keyStore == null || keyStore.isBlank() || trustStore == null || trustStore.isBlank()) {
      throw new ConfigurationException("server.ssl: the prod profile serves partners over TLS with client"
          + " certificates; set SWG_TLS_KEYSTORE, SWG_TLS_KEYSTORE_PASSWORD, SWG_TLS_TRUSTSTORE and"
          + " SWG_TLS_TRUSTSTORE_PASSWORD (README, \"Running with TLS\")");
    }
    String clientAuth = environment.getProperty("server.ssl.client-auth", "");
    if (!clientAuth.equalsIgnoreCase("want") && !clientAuth.equalsIgnoreCase("need")) {
      throw new ConfigurationException("server.ssl.client-auth: the prod profile asks partners for their TLS"
          + " client certificate; set it to want (the message endpoint then requires one) or need");
    }
    ProductionGuard.checkTls(keyStore, trustStore);
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
  InFlightBudget inFlightBudget(GatewayProperties properties) {
    return new InFlightBudget(properties.admission().maxInFlightBytes(), properties.admission().maxInFlightWait());
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
