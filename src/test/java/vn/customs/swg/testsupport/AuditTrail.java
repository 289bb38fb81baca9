package vn.customs.swg.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import vn.customs.swg.audit.ChainFormat;
import vn.customs.swg.audit.ChainVerifier;
import vn.customs.swg.audit.HeadSigner;
import vn.customs.swg.config.GatewayKeyStore;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.store.InboundRecord;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.OutboundRecord;
import vn.customs.swg.store.RejectedRecord;
import vn.customs.swg.store.RevocationEvidence;
import vn.customs.swg.store.delivery.DeliveryStore;
import vn.customs.swg.store.delivery.RetryPolicy;

/**
 * A migrated database whose events go through the audit chain: message and delivery stores on
 * named gateway nodes, a hand-moved clock, the dev gateway key to sign checkpoints with, and
 * messages of each kind the flows record (accepted and dispatched, rejected, delivered,
 * dead-lettered), so a test has several messages' events on its chains.
 */
public final class AuditTrail {

  /** The dev gateway's signing certificate: the one checkpoints are verified with. */
  public static final Path GATEWAY_CERTIFICATE = Path.of("certs/dev/gateway/cert.pem");
  public static final Instant START = Instant.parse("2026-11-22T16:41:07.412Z");

  /** The database's URL and user, as a command-line tool would be given them. */
  public final String url;
  public final String user;
  public final DataSource dataSource;
  public final JdbcTemplate jdbc;
  public final MutableClock clock = new MutableClock(START, ZoneOffset.ofHours(7));
  public final GatewayKeyStore keys = GatewayKeyStore.load(
      new GatewayProperties.Keystore(Path.of("certs/dev/gateway/keystore.p12"), "changeit", "gateway"));

  private AuditTrail(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = new JdbcTemplate(dataSource);
    try {
      this.url = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getURL);
      this.user = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getUserName);
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh database of its own. */
  public static AuditTrail inMemory() {
    return new AuditTrail(MigratedDatabase.inMemory());
  }

  /** The database at this URL (a file database outlives the fixture: a restart). */
  public static AuditTrail at(String url) {
    return new AuditTrail(MigratedDatabase.at(url));
  }

  public MessageStore messages(String node) {
    return new MessageStore(jdbc, new DataSourceTransactionManager(dataSource), clock, node);
  }

  public DeliveryStore deliveries(String node) {
    return new DeliveryStore(jdbc, new DataSourceTransactionManager(dataSource), clock, node);
  }

  /** A verifier trusting the dev gateway certificate. */
  public ChainVerifier verifier() {
    return new ChainVerifier(dataSource, List.of(keys.chain().get(0)), clock);
  }

  /** The node's head signer with the dev gateway key; an hour between scheduled rounds. */
  public HeadSigner signer(String node) {
    return new HeadSigner(dataSource, verifier(), node, keys.privateKey(), keys.chain().get(0),
        Duration.ofHours(1), clock);
  }

  /** An inbound message accepted and dispatched on the node: RECEIVED, ACCEPTED, DISPATCHED. */
  public long accepted(String node, String messageId) {
    long pk = acceptedNotDispatched(node, messageId);
    MessageStore messages = messages(node);
    messages.keepForwarded(pk, ("<forwarded>" + messageId + "</forwarded>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    messages.markDispatched(pk);
    return pk;
  }

  /**
   * An inbound message accepted on the node, with its idempotency key and the OCSP answer it was
   * accepted on, and not dispatched yet: RECEIVED, ACCEPTED.
   */
  public long acceptedNotDispatched(String node, String messageId) {
    byte[] bytes = ("<swg:Envelope id=\"" + messageId + "\"/>").getBytes(StandardCharsets.UTF_8);
    return messages(node).recordAccepted(new InboundRecord("vcb", messageId, "TAX_PAYMENT_NOTICE", "NOTIFY",
        "01203001", "TCHQ", "TAX-" + messageId, null, "FT" + messageId, "HTTP", "customs.payments.in",
        ChainFormat.sha256(bytes), "AB".repeat(32), now(), bytes), new RevocationEvidence("AB".repeat(32), "GOOD",
        "OCSP", now(), now().plusDays(1), null, false, null, new byte[] {48, 3, 10, 1, 0})).id();
  }

  /** An inbound message rejected on the node: RECEIVED, REJECTED. */
  public long rejected(String node, String messageId) {
    byte[] bytes = ("<swg:Envelope id=\"" + messageId + "\">bad</swg:Envelope>").getBytes(StandardCharsets.UTF_8);
    return messages(node).recordRejected(new RejectedRecord("bidv", messageId, "TAX_PAYMENT_NOTICE", "01202001",
        "HTTP", ChainFormat.sha256(bytes), List.of("SWG-SEC-001"), "signature does not verify", now(), bytes));
  }

  /** An outbound message signed and delivered by JMS on the node: RECEIVED, SIGNED, DELIVERING, DELIVERED. */
  public long delivered(String node, String messageId) {
    long pk = outbound(node, messageId, DeliveryStore.JMS);
    DeliveryStore deliveries = deliveries(node);
    deliveries.recordDelivered(deliveries.findByMessage(pk).orElseThrow().id(), null, "put on partner.vcb.out");
    return pk;
  }

  /** An outbound message that gave up after one HTTP attempt: ..., DELIVERING, FAILED_DELIVERY. */
  public long deadLettered(String node, String messageId) {
    long pk = outbound(node, messageId, DeliveryStore.HTTP);
    DeliveryStore deliveries = deliveries(node);
    deliveries.recordFailedAttempt(deliveries.findByMessage(pk).orElseThrow().id(), 503, "Service Unavailable",
        false, new RetryPolicy(1, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofHours(1), 2.0));
    return pk;
  }

  /** An outbound message signed and handed to delivery on the node: RECEIVED, SIGNED, DELIVERING. */
  public long outbound(String node, String messageId, String channel) {
    byte[] original = ("<swg:Envelope id=\"" + messageId + "\"/>").getBytes(StandardCharsets.UTF_8);
    byte[] signed = ("<swg:Envelope id=\"" + messageId + "\"><Signed/></swg:Envelope>").getBytes(StandardCharsets.UTF_8);
    long pk = messages(node).recordOutboundSigned(new OutboundRecord("vcb", messageId, "TAX_PAYMENT_CONFIRMATION",
        "NOTIFY", "01203001", "TAX-" + messageId, null, "FT" + messageId, channel, "partner.vcb.out",
        ChainFormat.sha256(original), now(), original, signed), "TCHQ").id();
    deliveries(node).create(pk, "vcb", channel, null);
    return pk;
  }

  /** The event at a node's chain position, as stored. */
  public Map<String, Object> event(String node, long seq) {
    return jdbc.queryForMap("select * from swg_message_event where node = ? and chain_seq = ?", node, seq);
  }

  /** The chain positions of a message's events on a node, oldest first. */
  public List<Long> seqsOf(String node, long messagePk) {
    return jdbc.queryForList("select chain_seq from swg_message_event where node = ? and message_pk = ?"
        + " order by chain_seq", Long.class, node, messagePk);
  }

  public int count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Integer.class);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
