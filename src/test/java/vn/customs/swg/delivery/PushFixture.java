package vn.customs.swg.delivery;

import vn.customs.swg.testsupport.MigratedDatabase;
import static org.assertj.core.api.Assertions.fail;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.w3c.dom.Document;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.config.GatewayProperties.Direction;
import vn.customs.swg.config.GatewayProperties.PartnerChannel;
import vn.customs.swg.config.GatewayProperties.RevocationPolicy;
import vn.customs.swg.monitoring.OutcomeCounters;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.partner.PartnerRegistry;
import vn.customs.swg.partner.PartyKind;
import vn.customs.swg.signature.MessageSigner;
import vn.customs.swg.signature.SenderSignatureVerifier;
import vn.customs.swg.signature.SignatureProfile;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.OutboundRecord;
import vn.customs.swg.store.delivery.Delivery;
import vn.customs.swg.store.delivery.DeliveryStore;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.TestMessages;
import vn.customs.swg.trust.CertificateTrustValidator;
import vn.customs.swg.trust.material.PartnerDirectory;
import vn.customs.swg.trust.revocation.RevocationChecker;
import vn.customs.swg.trust.revocation.RevocationSettings;

/**
 * The push side of the gateway without Spring: a migrated H2 database (in memory or a file that
 * outlives the fixture), the message and delivery stores on one node, the dev partner vcb as
 * application-dev.yml registers it (its CA as only anchor, its certificate, its CA's CRL file)
 * pushing to a given URL with tiny backoffs, the receipt verifier on the inbound trust beans, a
 * recording JMS template and a worker polling every 20 ms.
 */
final class PushFixture {

  static final Duration POLL = Duration.ofMillis(20);
  static final Path PUBLIC_CA = Path.of("certs/dev/ca/public-ca.pem");
  static final Path VCB_CERT = Path.of("certs/dev/partners/vcb/cert.pem");
  static final URI PUBLIC_CA_CRL = URI.create("file:certs/dev/crl/public-ca.crl");
  private static final DevPartner GATEWAY = DevPartner.gateway();
  private static final String CONFIRMATION = "schemas/bank/tax-payment-confirmation/example.xml";

  final Clock clock = Clock.systemUTC();
  final DataSource dataSource;
  final JdbcTemplate jdbc;
  final DeliveryStore deliveries;
  final MessageStore messages;
  final PartnerDirectory partners;
  final PartnerReceiptVerifier verifier;
  final RecordingJmsTemplate jms = new RecordingJmsTemplate();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final HttpDeliveryWorker worker;

  private PushFixture(String url, String node, Map<String, GatewayProperties.Partner> configured) {
    dataSource = MigratedDatabase.at(url);
    jdbc = new JdbcTemplate(dataSource);
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
    deliveries = new DeliveryStore(jdbc, transactions, clock, node);
    messages = new MessageStore(jdbc, transactions, clock, node);
    partners = new PartnerDirectory(() -> new PartnerRegistry(configured, catalogue()), clock);
    verifier = verifier(clock);
    worker = new HttpDeliveryWorker(deliveries, messages, partners, verifier, new DeadLetterQueue(jms),
        new HttpDeliveryWorker.Settings(POLL, 16, Duration.ofMinutes(2), Duration.ofSeconds(2), Duration.ofSeconds(5)),
        new OutcomeCounters(meters, partners, catalogue()));
  }

  /** vcb pushed to {@code url}, giving up after {@code maxAttempts}, on a fresh in-memory database. */
  static PushFixture inMemory(URI url, int maxAttempts) {
    return new PushFixture("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "swg-node-1",
        Map.of("vcb", vcb(url, maxAttempts, List.of(VCB_CERT))));
  }

  /** As {@link #inMemory}, on a file database another fixture may open after this one. */
  static PushFixture file(String jdbcUrl, String node, URI url, int maxAttempts) {
    return new PushFixture(jdbcUrl, node, Map.of("vcb", vcb(url, maxAttempts, List.of(VCB_CERT))));
  }

  /** The dev vcb entry of application-dev.yml, with its certificates, pushing to {@code url}. */
  static GatewayProperties.Partner vcb(URI url, int maxAttempts, List<Path> certificates) {
    return new GatewayProperties.Partner(PartyKind.BANK, "01203001", "Vietcombank", List.of(PUBLIC_CA), List.of(),
        certificates, null, Set.of("TAX_PAYMENT_NOTICE"), false, RevocationPolicy.HARD_FAIL, null,
        List.of(PUBLIC_CA_CRL), PartnerChannel.HTTP,
        new GatewayProperties.Delivery(url, null, maxAttempts, Duration.ofMillis(20), Duration.ofMillis(100), 2.0,
            Duration.ofHours(1)), List.of());
  }

  static Partner partner(GatewayProperties.Partner entry) {
    return new PartnerRegistry(Map.of("vcb", entry), catalogue()).findById("vcb").orElseThrow();
  }

  static MessageTypeCatalogue catalogue() {
    Map<String, GatewayProperties.MessageType> types = new LinkedHashMap<>();
    types.put("TAX_PAYMENT_NOTICE", new GatewayProperties.MessageType(Direction.INBOUND,
        "schemas/bank/tax-payment-notice/tax-payment-notice-1.xsd", null, "customs.payments.in",
        Set.of(PartyKind.BANK)));
    types.put("TAX_PAYMENT_CONFIRMATION", new GatewayProperties.MessageType(Direction.OUTBOUND,
        "schemas/bank/tax-payment-confirmation/tax-payment-confirmation-1.xsd", null, null, Set.of()));
    return new MessageTypeCatalogue(types, PushFixture.class.getClassLoader());
  }

  /** The verifier on the inbound trust beans as GatewayConfiguration builds them. */
  static PartnerReceiptVerifier verifier(Clock clock) {
    RevocationChecker revocation = new RevocationChecker(new RevocationSettings(Duration.ofMillis(500), 1 << 20,
        List.of(), Duration.ofMinutes(1), 100, Duration.ofMinutes(5)), clock);
    return new PartnerReceiptVerifier(HardenedXmlParser.withDefaults(),
        new SenderSignatureVerifier(new SignatureProfile()), new CertificateTrustValidator(clock, revocation));
  }

  /**
   * An outbound TAX_PAYMENT_CONFIRMATION to vcb, signed by the dev gateway key and recorded as the
   * outbound route records it (SIGNED, with its signed bytes); returns its primary key.
   */
  long outboundMessage() {
    String messageId = "TCHQ" + UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
    byte[] signed = gatewaySigned(messageId);
    OutboundRecord record = new OutboundRecord("vcb", messageId, "TAX_PAYMENT_CONFIRMATION", "RESULT", "01203001",
        null, null, null, "HTTP", "vcb", "digest", OffsetDateTime.now(ZoneOffset.UTC), signed, signed);
    return messages.recordOutboundSigned(record, "TCHQ").id();
  }

  /** An outbound message with its HTTP delivery created, due now; returns the delivery's id. */
  long outboundDelivery() {
    return deliveries.create(outboundMessage(), "vcb", DeliveryStore.HTTP, null);
  }

  static byte[] gatewaySigned(String messageId) {
    try {
      Document document = parse(Files.readAllBytes(Path.of(CONFIRMATION)));
      TestMessages.set(document, "messageId", messageId);
      new MessageSigner(GATEWAY.key(), GATEWAY.chain()).signAsGateway(document);
      return XmlOutput.toBytes(document);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Document parse(byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String messageIdOf(long deliveryId) {
    return messages.find(delivery(deliveryId).messagePk()).orElseThrow().messageId();
  }

  byte[] signedBytesOf(long deliveryId) {
    return messages.signedBytes(delivery(deliveryId).messagePk()).orElseThrow();
  }

  Delivery delivery(long deliveryId) {
    return deliveries.find(deliveryId).orElseThrow();
  }

  String state(long deliveryId) {
    return delivery(deliveryId).state();
  }

  /** Waits, polling every 10 ms for at most 10 s, until the condition holds. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("waited 10 s for: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for: " + what);
      }
    }
  }

  void awaitState(long deliveryId, String state) {
    await("delivery #" + deliveryId + " " + state, () -> state.equals(state(deliveryId)));
  }

  void shutdownDatabase() {
    MigratedDatabase.shutdown(dataSource);
  }
}
