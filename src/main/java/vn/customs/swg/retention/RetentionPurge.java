package vn.customs.swg.retention;

import static vn.customs.swg.config.GatewayProperties.Retention.days;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.customs.swg.BackgroundTasks;
import vn.customs.swg.audit.ChainFormat;
import vn.customs.swg.audit.EventLog;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.delivery.DeliveryStore;

/**
 * Applies the retention policy ({@code gateway.retention}) to finished messages, without ever
 * breaking the audit chain (docs/audit-log.md, "Retention"). Only messages in a final state
 * (DISPATCHED, DELIVERED, REJECTED) are touched; one in flight or dead-lettered is kept whole.
 * <ol>
 *   <li>Bytes: a finished message received more than {@code bytes-after} ago loses its original and
 *       signed bytes; their SHA-256 stays on the record. Each batch appends one BYTES_PURGED event
 *       of this node, naming the cutoff and the count, in the same transaction: an event of the
 *       message itself would hold its record in the chain until metadata-after after the purge.
 *   <li>Metadata: per node, the chain prefix up to the newest checkpoint signed more than
 *       {@code metadata-after} ago is deleted, one checkpoint interval per transaction, so the
 *       remaining chain always starts right after a signed checkpoint (which is kept); the prefix
 *       stops before the first event of any message not yet finished. Then finished messages
 *       older than {@code metadata-after} with no event left go, with their idempotency key,
 *       delivery and attempts and revocation evidence, batch by batch.
 * </ol>
 * Safe across nodes: every step is a conditional update or an idempotent delete, so two nodes
 * purging at once do the work once. Started and stopped with the application; off unless
 * {@code gateway.retention.enabled}.
 */
public final class RetentionPurge implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

  /** States a message can no longer leave on its own: nothing is purged in any other. */
  static final List<String> FINAL_STATES =
      List.of(MessageStore.DISPATCHED, DeliveryStore.DELIVERED, MessageStore.REJECTED);

  /**
   * The policy, as {@code gateway.retention} sets it.
   *
   * @param enabled whether the schedule runs ({@link #purgeNow} works either way)
   */
  public record Settings(boolean enabled, Duration bytesAfter, Duration metadataAfter, Duration purgeInterval,
      int batchSize) {
    public Settings {
      Objects.requireNonNull(bytesAfter, "bytesAfter");
      Objects.requireNonNull(metadataAfter, "metadataAfter");
      Objects.requireNonNull(purgeInterval, "purgeInterval");
      if (metadataAfter.compareTo(bytesAfter) < 0) {
        throw new IllegalArgumentException("metadata-after must not be shorter than bytes-after");
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch-size must be at least 1, got " + batchSize);
      }
    }
  }

  /**
   * What one run did.
   *
   * @param bytesPurged messages whose bytes were purged
   * @param eventsDeleted chain events deleted with their prefix (and events of before the chain)
   * @param messagesDeleted message records deleted
   */
  public record Outcome(int bytesPurged, int eventsDeleted, int messagesDeleted) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final EventLog events;
  private final Settings settings;
  private final BackgroundTasks.Repeating schedule;
  private volatile boolean stopping;

  public RetentionPurge(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactions, Clock clock, String node,
      Settings settings) {
    this.jdbc = JdbcClient.create(jdbcTemplate);
    this.tx = new TransactionTemplate(transactions);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.events = new EventLog(jdbcTemplate, node);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.schedule = new BackgroundTasks.Repeating("swg-retention-purge", settings.purgeInterval(), this::purgeNow, log,
        "retention purge failed");
  }

  /** One run: bytes first, then the chain prefixes, then the message records they held. */
  public Outcome purgeNow() {
    OffsetDateTime now = ChainFormat.stored(OffsetDateTime.now(clock));
    int bytes = purgeBytes(now.minus(settings.bytesAfter()), now);
    OffsetDateTime metadataCutoff = now.minus(settings.metadataAfter());
    int eventsDeleted = purgeChainPrefixes(metadataCutoff);
    int messages = deleteMessages(metadataCutoff);
    if (bytes + eventsDeleted + messages > 0) {
      log.info("retention: purged the bytes of {} message(s), deleted {} event(s) and {} message record(s)",
          bytes, eventsDeleted, messages);
    }
    return new Outcome(bytes, eventsDeleted, messages);
  }

  private int purgeBytes(OffsetDateTime cutoff, OffsetDateTime now) {
    int total = 0;
    while (!stopping) {
      List<Long> batch = jdbc.sql("""
              select id from swg_message
              where received_at < :cutoff and state in (:final)
                and (original_bytes is not null or signed_bytes is not null)
              order by id fetch first :n rows only""")
          .param("cutoff", cutoff).param("final", FINAL_STATES).param("n", settings.batchSize())
          .query(Long.class).list();
      if (batch.isEmpty()) {
        break;
      }
      total += tx.execute(status -> {
        // Conditional, so what another node purged first (or what changed state) is not counted.
        int purged = jdbc.sql("""
                update swg_message set original_bytes = null, signed_bytes = null, updated_at = :now
                where id in (:ids) and received_at < :cutoff and state in (:final)
                  and (original_bytes is not null or signed_bytes is not null)""")
            .param("now", now).param("ids", batch).param("cutoff", cutoff).param("final", FINAL_STATES)
            .update();
        if (purged > 0) {
          // Last: the chain's head lock is held only for the commit.
          events.append(List.of(new EventLog.Event(null, EventLog.BYTES_PURGED, now,
              EventLog.bytesPurged(cutoff, purged, "gateway.retention.bytes-after " + days(settings.bytesAfter())))));
        }
        return purged;
      });
      if (batch.size() < settings.batchSize()) {
        break;
      }
    }
    return total;
  }

  private int purgeChainPrefixes(OffsetDateTime cutoff) {
    long origin = jdbc.sql("select coalesce(max(last_unchained_event_id), 0) from swg_audit_origin")
        .query(Long.class).single();
    int total = deleteUnchainedEvents(cutoff, origin);
    List<String> nodes = jdbc.sql("select distinct node from swg_audit_checkpoint order by node")
        .query(String.class).list();
    for (String node : nodes) {
      total += purgePrefix(node, cutoff);
    }
    return total;
  }

  /**
   * Deletes a node's chain prefix checkpoint by checkpoint, each step in its own transaction and
   * ending right after a checkpoint, which stays: whenever a verification looks, the chain starts
   * after a signed checkpoint.
   */
  private int purgePrefix(String node, OffsetDateTime cutoff) {
    // The first event of a message still in flight bounds the prefix: its history stays whole.
    Long firstLive = jdbc.sql("""
            select min(e.chain_seq) from swg_message_event e join swg_message m on m.id = e.message_pk
            where e.node = :node and e.chain_seq is not null and m.state not in (:final)""")
        .param("node", node).param("final", FINAL_STATES)
        .query(Long.class).optional().orElse(null);
    List<Long> steps = jdbc.sql("""
            select chain_seq from swg_audit_checkpoint
            where node = :node and signed_at < :cutoff and chain_seq < :bound
              and chain_seq >= (select coalesce(min(chain_seq), 0) from swg_message_event where node = :node)
            order by chain_seq""")
        .param("node", node).param("cutoff", cutoff)
        .param("bound", firstLive == null ? Long.MAX_VALUE : firstLive)
        .query(Long.class).list();
    int total = 0;
    for (long upTo : steps) {
      if (stopping) {
        break;
      }
      total += tx.execute(status -> {
        int deleted = jdbc.sql("delete from swg_message_event where node = :node and chain_seq <= :seq")
            .param("node", node).param("seq", upTo).update();
        jdbc.sql("delete from swg_audit_checkpoint where node = :node and chain_seq < :seq")
            .param("node", node).param("seq", upTo).update();
        return deleted;
      });
    }
    return total;
  }

  /** Events written before the chain existed are in no chain: they go by age, finished messages only. */
  private int deleteUnchainedEvents(OffsetDateTime cutoff, long origin) {
    if (origin == 0) {
      return 0;
    }
    return tx.execute(status -> jdbc.sql("""
            delete from swg_message_event
            where chain_seq is null and id <= :origin and occurred_at < :cutoff
              and message_pk in (select id from swg_message where state in (:final))""")
        .param("origin", origin).param("cutoff", cutoff).param("final", FINAL_STATES)
        .update());
  }

  private int deleteMessages(OffsetDateTime cutoff) {
    int total = 0;
    while (!stopping) {
      List<Long> batch = jdbc.sql("""
              select m.id from swg_message m
              where m.received_at < :cutoff and m.state in (:final)
                and not exists (select 1 from swg_message_event e where e.message_pk = m.id)
              order by m.id fetch first :n rows only""")
          .param("cutoff", cutoff).param("final", FINAL_STATES).param("n", settings.batchSize())
          .query(Long.class).list();
      if (batch.isEmpty()) {
        break;
      }
      try {
        total += tx.execute(status -> deleteRecords(batch));
      } catch (DataIntegrityViolationException e) {
        // An event was added to one of them meanwhile (the message stays); the next run goes on.
        log.warn("retention: a batch of message records was not deleted, one changed meanwhile: {}", e.toString());
        break;
      }
      if (batch.size() < settings.batchSize()) {
        break;
      }
    }
    return total;
  }

  private int deleteRecords(List<Long> ids) {
    jdbc.sql("""
            delete from swg_delivery_attempt
            where delivery_pk in (select id from swg_delivery where message_pk in (:ids))""")
        .param("ids", ids).update();
    jdbc.sql("delete from swg_delivery where message_pk in (:ids)").param("ids", ids).update();
    jdbc.sql("delete from swg_dedup_key where message_pk in (:ids)").param("ids", ids).update();
    jdbc.sql("delete from swg_revocation_evidence where message_pk in (:ids)").param("ids", ids).update();
    return jdbc.sql("delete from swg_message where id in (:ids) and state in (:final)")
        .param("ids", ids).param("final", FINAL_STATES).update();
  }

  @Override
  public void start() {
    if (!settings.enabled()) {
      log.info("retention purge is off (gateway.retention.enabled): messages and their events are kept");
      return;
    }
    stopping = false;
    if (schedule.start()) {
      log.info("retention purge every {}: bytes after {}, records after {}", settings.purgeInterval(),
          days(settings.bytesAfter()), days(settings.metadataAfter()));
    }
  }

  @Override
  public void stop() {
    // The batch under way commits; no new one starts.
    stopping = true;
    schedule.stop(Duration.ofSeconds(20));
  }

  @Override
  public boolean isRunning() {
    return schedule.isRunning();
  }
}
