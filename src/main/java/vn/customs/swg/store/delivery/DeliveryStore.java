package vn.customs.swg.store.delivery;

import static vn.customs.swg.store.delivery.DeliveryRows.clip;
import static vn.customs.swg.store.delivery.DeliveryRows.utc;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.customs.swg.audit.EventLog;

/**
 * The durable delivery state of outbound messages, shared by all gateway nodes through the
 * database, so that retries survive a restart and any node can carry on another's work. A node
 * takes due deliveries with {@link #claimDue}: each candidate is claimed by a conditional UPDATE
 * that only one node can win, for a lease after which a dead node's claim is free again; this is
 * plain SQL, portable between H2 and PostgreSQL, with no row locks held between statements.
 * Delivery is at least once: a node whose lease ran out may still deliver, so partners
 * deduplicate by messageId, and the store records one DELIVERED outcome whatever the number of
 * reports. Every change of a delivery's state also moves the outbound message's state in
 * {@code swg_message} and adds its event, in the same transaction, so message and delivery never
 * disagree: callers must not record DELIVERING, DELIVERED or FAILED_DELIVERY themselves. The event
 * goes through the audit {@link EventLog} as the last statement of its transaction.
 */
public class DeliveryStore {

  public static final String DELIVERING = "DELIVERING";
  public static final String DELIVERED = "DELIVERED";
  public static final String FAILED_DELIVERY = "FAILED_DELIVERY";

  public static final String HTTP = "HTTP";
  public static final String JMS = "JMS";
  public static final String PULL = "PULL";

  private static final Set<String> CHANNELS = Set.of(HTTP, JMS, PULL);

  // Candidates read per claimDue call, per delivery asked for: some may be taken by another node
  // between our read and our UPDATE, and the spare ones fill their places.
  private static final int CANDIDATES_PER_CLAIM = 2;
  // Two nodes recording a failure of one delivery at once (a lease ran out) is rare; the loser
  // of the optimistic update re-reads and tries again.
  private static final int MAX_RECORD_TRIES = 5;

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final String nodeId;
  private final RandomGenerator jitter;
  private final EventLog events;

  public DeliveryStore(
      JdbcTemplate jdbcTemplate,
      PlatformTransactionManager transactions,
      Clock clock,
      String nodeId) {
    // java.util.Random is thread-safe and seeded differently on every node
    this(jdbcTemplate, transactions, clock, nodeId, new Random());
  }

  /** As the other constructor, with the jitter source given (tests pass a seeded one). */
  public DeliveryStore(
      JdbcTemplate jdbcTemplate,
      PlatformTransactionManager transactions,
      Clock clock,
      String nodeId,
      RandomGenerator jitter) {
    this.jdbc = JdbcClient.create(jdbcTemplate);
    this.tx = new TransactionTemplate(transactions);
    this.clock = Objects.requireNonNull(clock, "clock");
    if (nodeId == null || nodeId.isBlank() || nodeId.length() > DeliveryRows.NODE_WIDTH) {
      throw new IllegalArgumentException("nodeId must be 1-64 characters, got: " + nodeId);
    }
    this.nodeId = nodeId;
    this.jitter = Objects.requireNonNull(jitter, "jitter");
    this.events = new EventLog(jdbcTemplate, nodeId);
  }

  /**
   * Starts delivering an outbound message: DELIVERING, no attempts, unclaimed, due at
   * {@code firstAttemptAt} (now when null), which also starts the retry window of
   * {@link RetryPolicy#maxAge()}. Creating it again (a redelivered back-end message) returns the
   * existing delivery unchanged.
   *
   * @return the delivery's id
   * @throws IllegalArgumentException if the channel is unknown or the message is not outbound
   */
  public long create(long messagePk, String partnerId, String channel, Instant firstAttemptAt) {
    if (!CHANNELS.contains(channel)) {
      throw new IllegalArgumentException(
          "channel must be one of " + CHANNELS + ", got: " + channel);
    }
    if (partnerId == null || partnerId.isBlank()
        || partnerId.length() > DeliveryRows.PARTNER_WIDTH) {
      throw new IllegalArgumentException("partnerId must be 1-64 characters, got: " + partnerId);
    }
    Instant now = now();
    Instant first = firstAttemptAt == null ? now : firstAttemptAt;
    try {
      return tx.execute(status -> {
        String direction = jdbc.sql("select direction from swg_message where id = :pk")
            .param("pk", messagePk)
            .query(String.class)
            .optional()
            .orElseThrow(() -> new IllegalArgumentException("no message #" + messagePk));
        if (!"OUTBOUND".equals(direction)) {
          throw new IllegalArgumentException("message #" + messagePk + " is " + direction
              + ", only OUTBOUND messages are delivered");
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into swg_delivery (message_pk, partner_id, channel, state, attempts,
                  next_attempt_at, first_attempt_at, created_at)
                values (:pk, :partner, :channel, 'DELIVERING', 0, :first, :first, :now)""")
            .param("pk", messagePk)
            .param("partner", partnerId)
            .param("channel", channel)
            .param("first", utc(first))
            .param("now", utc(now))
            .update(key, "id");
        moveMessage(messagePk, DELIVERING, now, channel + " to " + partnerId);
        return key.getKeyAs(Long.class);
      });
    } catch (DuplicateKeyException e) {
      // Read after the rollback: on PostgreSQL the failed insert has aborted the transaction.
      return findByMessage(messagePk).map(Delivery::id).orElseThrow(() -> e);
    }
  }

  /**
   * Claims for this node, for {@code lease}, up to {@code max} deliveries on the channel that are
   * DELIVERING, due, and not claimed by a live lease; oldest due first. Of nodes calling at once,
   * each delivery goes to one only. The claim ends with the attempt's outcome or when the lease
   * runs out, whichever is first.
   */
  public List<Delivery> claimDue(String channel, int max, Duration lease) {
    if (max <= 0) {
      return List.of();
    }
    if (lease == null || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive, got " + lease);
    }
    Instant now = now();
    List<Long> candidates = jdbc.sql("""
            select id from swg_delivery
            where state = 'DELIVERING' and channel = :channel and next_attempt_at <= :now
              and (claimed_until is null or claimed_until < :now)
            order by next_attempt_at, id
            fetch first :n rows only""")
        .param("channel", channel)
        .param("now", utc(now))
        .param("n", max * CANDIDATES_PER_CLAIM)
        .query(Long.class)
        .list();
    List<Long> claimed = new ArrayList<>();
    for (Long id : candidates) {
      if (claimed.size() == max) {
        break;
      }
      // Each UPDATE commits on its own: the row's conditions are re-checked under its lock, so
      // of two nodes only the first to update sees 1 row, and no lock outlives the statement.
      int updated = jdbc.sql("""
              update swg_delivery set claimed_by = :node, claimed_until = :until
              where id = :id and state = 'DELIVERING' and next_attempt_at <= :now
                and (claimed_until is null or claimed_until < :now)""")
          .param("node", nodeId)
          .param("until", utc(now.plus(lease)))
          .param("id", id)
          .param("now", utc(now))
          .update();
      if (updated == 1) {
        claimed.add(id);
      }
    }
    if (claimed.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select " + DeliveryRows.DELIVERY_COLUMNS
            + " from swg_delivery where id in (:ids) order by next_attempt_at, id")
        .param("ids", claimed)
        .query(DeliveryRows.DELIVERY)
        .list();
  }

  /**
   * The partner took the message (for HTTP: its signed receipt verified): DELIVERED, with a
   * DELIVERED attempt, claim released. Idempotent: when the delivery is already DELIVERED nothing
   * changes. A success reported after the delivery gave up (a slow node whose lease ran out)
   * still counts: the message did arrive, so it leaves the dead letters.
   *
   * @throws IllegalArgumentException if there is no such delivery
   */
  public void recordDelivered(long deliveryPk, Integer httpStatus, String detail) {
    tx.executeWithoutResult(status -> {
      Instant now = now();
      int updated = jdbc.sql("""
              update swg_delivery set state = 'DELIVERED', attempts = attempts + 1,
                delivered_at = :now, last_attempt_at = :now, claimed_by = null, claimed_until = null
              where id = :id and state in ('DELIVERING', 'FAILED_DELIVERY')""")
          .param("now", utc(now))
          .param("id", deliveryPk)
          .update();
      if (updated == 1) {
        Delivery d = find(deliveryPk).orElseThrow();
        addAttempt(deliveryPk, d.attempts(), now, DELIVERED, httpStatus, detail);
        moveMessage(d.messagePk(), DELIVERED, now, describe(httpStatus, detail));
      } else if (find(deliveryPk).isEmpty()) {
        throw new IllegalArgumentException("no delivery #" + deliveryPk);
      }
    });
  }

  /**
   * An attempt failed: records it (RETRY, or REFUSED_RECEIPT when the partner's receipt did not
   * verify) and schedules the next at now + the policy's backoff. When this was the
   * {@code maxAttempts}-th attempt, or the delivery started more than {@code maxAge} ago, the
   * delivery becomes FAILED_DELIVERY instead (attempt outcome FAILED) and the outcome tells the
   * caller to dead-letter the message. This node's claim is released; a claim another node took
   * after our lease ran out is left to it.
   *
   * @throws IllegalArgumentException if there is no such delivery
   */
  public Outcome recordFailedAttempt(long deliveryPk, Integer httpStatus, String detail,
      boolean receiptRefused, RetryPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    for (int attempt = 1; attempt <= MAX_RECORD_TRIES; attempt++) {
      Outcome outcome = tx.execute(
          status -> tryRecordFailure(deliveryPk, httpStatus, detail, receiptRefused, policy));
      if (outcome != null) {
        return outcome;
      }
    }
    throw new IllegalStateException("delivery #" + deliveryPk + " kept changing under us; "
        + "failure not recorded after " + MAX_RECORD_TRIES + " tries");
  }

  /** Null when another node changed the delivery between our read and our update. */
  private Outcome tryRecordFailure(long deliveryPk, Integer httpStatus, String detail,
      boolean receiptRefused, RetryPolicy policy) {
    Delivery d = find(deliveryPk)
        .orElseThrow(() -> new IllegalArgumentException("no delivery #" + deliveryPk));
    if (!DELIVERING.equals(d.state())) {
      return new Outcome(Outcome.Kind.NOT_DELIVERING, d.attempts(), null);
    }
    Instant now = now();
    int attempts = d.attempts() + 1;
    boolean giveUp = attempts >= policy.maxAttempts()
        || Duration.between(d.firstAttemptAt(), now).compareTo(policy.maxAge()) > 0;
    String error = (receiptRefused ? "receipt refused: " : "") + describe(httpStatus, detail);
    Instant next = giveUp ? d.nextAttemptAt() : now.plus(policy.backoff(attempts, jitter));
    // Give up: the claim goes with the state. Retry: release only our own claim, not one another
    // node took after our lease ran out. claimed_until comes first so that it reads the old
    // claimed_by on any SQL engine.
    String release = giveUp
        ? "claimed_until = null, claimed_by = null"
        : "claimed_until = case when claimed_by = :node then null else claimed_until end,"
            + " claimed_by = case when claimed_by = :node then null else claimed_by end";
    int updated = jdbc.sql("update swg_delivery set state = :state, attempts = :attempts,"
            + " next_attempt_at = :next, last_attempt_at = :now, last_error = :error, " + release
            + " where id = :id and state = 'DELIVERING' and attempts = :seen")
        .param("state", giveUp ? FAILED_DELIVERY : DELIVERING)
        .param("attempts", attempts)
        .param("next", utc(next))
        .param("now", utc(now))
        .param("error", clip(error, DeliveryRows.ERROR_WIDTH), Types.VARCHAR)
        .param("node", nodeId)
        .param("id", deliveryPk)
        .param("seen", d.attempts())
        .update();
    if (updated != 1) {
      return null;
    }
    String outcome = giveUp ? "FAILED" : receiptRefused ? "REFUSED_RECEIPT" : "RETRY";
    // a FAILED row would otherwise hide that the last receipt was refused
    String attemptDetail =
        giveUp && receiptRefused ? "receipt refused: " + nullToEmpty(detail) : detail;
    addAttempt(deliveryPk, attempts, now, outcome, httpStatus, attemptDetail);
    if (giveUp) {
      moveMessage(d.messagePk(), FAILED_DELIVERY, now, error);
      return new Outcome(Outcome.Kind.FAILED_DELIVERY, attempts, null);
    }
    return new Outcome(Outcome.Kind.RETRY, attempts, next);
  }

  /** Deliveries that gave up, most recently failed first. */
  public List<DeadLetter> deadLetters(int offset, int limit) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must not be negative");
    }
    return jdbc.sql("""
            select d.id, d.message_pk, m.message_id, d.partner_id, m.message_type, d.channel,
              d.attempts, d.first_attempt_at, d.last_attempt_at, d.last_error
            from swg_delivery d join swg_message m on m.id = d.message_pk
            where d.state = 'FAILED_DELIVERY'
            order by d.last_attempt_at desc, d.id desc
            offset :offset rows fetch first :limit rows only""")
        .param("offset", offset)
        .param("limit", limit)
        .query(DeliveryRows.DEAD_LETTER)
        .list();
  }

  /**
   * An operator's replay: FAILED_DELIVERY becomes DELIVERING again, due now, with a fresh round
   * of attempts and a fresh {@code maxAge} window; the attempt history is kept.
   *
   * @return false if the delivery was not FAILED_DELIVERY (nothing changed)
   */
  public boolean replay(long deliveryPk) {
    return replay(deliveryPk, null);
  }

  /**
   * As {@link #replay(long)}, naming in the audit chain the operator who asked for it (the
   * event's detail reads "replayed by &lt;actor&gt;").
   *
   * @param actor the operator's user name, or null when unknown
   */
  public boolean replay(long deliveryPk, String actor) {
    return Boolean.TRUE.equals(tx.execute(status -> {
      Instant now = now();
      int updated = jdbc.sql("""
              update swg_delivery set state = 'DELIVERING', attempts = 0, next_attempt_at = :now,
                first_attempt_at = :now, claimed_by = null, claimed_until = null
              where id = :id and state = 'FAILED_DELIVERY'""")
          .param("now", utc(now))
          .param("id", deliveryPk)
          .update();
      if (updated == 1) {
        moveMessage(find(deliveryPk).orElseThrow().messagePk(), DELIVERING, now,
            EventLog.byActor("replayed", actor));
      }
      return updated == 1;
    }));
  }

  public Optional<Delivery> find(long deliveryPk) {
    return jdbc.sql("select " + DeliveryRows.DELIVERY_COLUMNS + " from swg_delivery where id = :id")
        .param("id", deliveryPk)
        .query(DeliveryRows.DELIVERY)
        .optional();
  }

  public Optional<Delivery> findByMessage(long messagePk) {
    return jdbc.sql("select " + DeliveryRows.DELIVERY_COLUMNS
            + " from swg_delivery where message_pk = :pk")
        .param("pk", messagePk)
        .query(DeliveryRows.DELIVERY)
        .optional();
  }

  /** The attempts of a delivery, oldest first, across replays. */
  public List<DeliveryAttempt> attempts(long deliveryPk) {
    return jdbc.sql("""
            select id, delivery_pk, attempt_no, attempted_at, node, outcome, http_status, detail
            from swg_delivery_attempt where delivery_pk = :id order by attempted_at, id""")
        .param("id", deliveryPk)
        .query(DeliveryRows.ATTEMPT)
        .list();
  }

  /** A partner's messages waiting on the channel (its pull inbox), oldest first. */
  public List<Delivery> pending(String partnerId, String channel, int limit) {
    return jdbc.sql("select " + DeliveryRows.DELIVERY_COLUMNS + """
             from swg_delivery
            where partner_id = :partner and channel = :channel and state = 'DELIVERING'
            order by created_at, id
            fetch first :limit rows only""")
        .param("partner", partnerId)
        .param("channel", channel)
        .param("limit", Math.max(0, limit))
        .query(DeliveryRows.DELIVERY)
        .list();
  }

  /**
   * The partner acknowledges a message it pulled: DELIVERED, with one DELIVERED attempt. Only the
   * partner the message is addressed to can acknowledge it, and only on the PULL channel (an
   * HTTP delivery completes on a verified receipt, never on a bare acknowledgement).
   * Acknowledging again is answered true and records nothing more, so a partner may safely
   * resend an acknowledgement whose answer it lost.
   *
   * @return true if the message is now delivered to this partner; false if it is not this
   *     partner's pull message or it gave up (FAILED_DELIVERY)
   */
  public boolean acknowledge(String partnerId, long messagePk) {
    return Boolean.TRUE.equals(tx.execute(status -> {
      Instant now = now();
      int updated = jdbc.sql("""
              update swg_delivery set state = 'DELIVERED', attempts = attempts + 1,
                delivered_at = :now, last_attempt_at = :now, claimed_by = null, claimed_until = null
              where message_pk = :pk and partner_id = :partner and channel = 'PULL'
                and state = 'DELIVERING'""")
          .param("now", utc(now))
          .param("pk", messagePk)
          .param("partner", partnerId)
          .update();
      Optional<Delivery> d = findByMessage(messagePk)
          .filter(found -> found.partnerId().equals(partnerId) && PULL.equals(found.channel()));
      if (updated == 1) {
        addAttempt(d.orElseThrow().id(), d.get().attempts(), now, DELIVERED, null,
            "acknowledged by " + partnerId);
        moveMessage(messagePk, DELIVERED, now, "acknowledged by " + partnerId);
        return true;
      }
      return d.map(found -> DELIVERED.equals(found.state())).orElse(false);
    }));
  }

  private void addAttempt(long deliveryPk, int attemptNo, Instant at, String outcome,
      Integer httpStatus, String detail) {
    jdbc.sql("""
            insert into swg_delivery_attempt
              (delivery_pk, attempt_no, attempted_at, node, outcome, http_status, detail)
            values (:pk, :no, :at, :node, :outcome, :status, :detail)""")
        .param("pk", deliveryPk)
        .param("no", attemptNo)
        .param("at", utc(at))
        .param("node", nodeId)
        .param("outcome", outcome)
        .param("status", httpStatus, Types.INTEGER)
        .param("detail", clip(detail, DeliveryRows.ERROR_WIDTH), Types.VARCHAR)
        .update();
  }

  /**
   * The outbound message follows its delivery: state and event, in the caller's transaction, of
   * which this is the last statement (the event takes the chain's head lock until the commit).
   */
  private void moveMessage(long messagePk, String state, Instant at, String detail) {
    jdbc.sql("update swg_message set state = :state, updated_at = :at where id = :pk")
        .param("state", state)
        .param("at", utc(at))
        .param("pk", messagePk)
        .update();
    events.append(messagePk, state, utc(at), detail);
  }

  private static String describe(Integer httpStatus, String detail) {
    if (httpStatus == null) {
      return detail;
    }
    return detail == null ? "HTTP " + httpStatus : "HTTP " + httpStatus + " " + detail;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /** Truncated as the database keeps it, so what we return equals what is read back. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
