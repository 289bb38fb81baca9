package vn.customs.swg.audit;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.format.DateTimeParseException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way an event enters {@code swg_message_event}: it appends the event to this node's hash
 * chain (docs/audit-log.md). It decides an event's chain position inside the caller's
 * transaction, under a row lock on the node's head ({@code select ... for update} on
 * {@code swg_audit_head}): appends of one node serialise, a transaction that rolls back takes its
 * positions with it (no gap), and two threads can never both extend the same head (no fork).
 * Nodes each have their own head and never wait for one another. The lock lasts until the
 * caller's commit, so callers append last in their transaction; nothing here holds a JVM lock.
 * Each event also binds its message's {@link MessageIdentity} as it stands, so the message's
 * identifying fields and byte digests must be written before its first event.
 */
public final class EventLog {

  /**
   * State of the event a retention run appends when it purged message bytes: an event of the node,
   * with no message, whose detail is {@link #bytesPurged}.
   */
  public static final String BYTES_PURGED = "BYTES_PURGED";

  private static final Pattern PURGE_CUTOFF = Pattern.compile("^finished messages received before (\\S+): ");

  private static final int NODE_WIDTH = 64;
  private static final int ACTOR_WIDTH = 128;
  // SQLState of a unique-key violation, on H2 and PostgreSQL alike.
  private static final String UNIQUE_VIOLATION = "23505";

  /**
   * One event to append.
   *
   * @param messagePk the message it happened to; null for an event of the node itself
   * @param occurredAt when it happened; written and hashed in UTC at microseconds
   * @param detail why, or null; cut to {@link ChainFormat#DETAIL_WIDTH} characters
   */
  public record Event(Long messagePk, String state, OffsetDateTime occurredAt, String detail) {
    public Event {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(occurredAt, "occurredAt");
    }
  }

  private record Head(long seq, String hash) {}

  private final JdbcTemplate jdbcTemplate;
  private final JdbcClient jdbc;
  private final String node;

  public EventLog(JdbcTemplate jdbcTemplate, String node) {
    if (node == null || node.isBlank() || node.length() > NODE_WIDTH) {
      throw new IllegalArgumentException("node must be 1-64 characters, got: " + node);
    }
    this.jdbcTemplate = jdbcTemplate;
    this.jdbc = JdbcClient.create(jdbcTemplate);
    this.node = node;
  }

  /** The node whose chain this log appends to. */
  public String node() {
    return node;
  }

  /** Appends one event; see {@link #append(List)}. */
  public void append(long messagePk, String state, OffsetDateTime occurredAt, String detail) {
    append(List.of(new Event(messagePk, state, occurredAt, detail)));
  }

  /**
   * Appends events in the given order, in the caller's transaction, which must be active: an
   * event outside a transaction could commit without its message's change, or the reverse.
   *
   * @throws IllegalStateException if no transaction is active or a message does not exist
   */
  public void append(List<Event> events) {
    if (events.isEmpty()) {
      return;
    }
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("events are appended in the caller's transaction; none is active");
    }
    Head head = lockHead().orElseGet(() -> {
      createHead();
      return lockHead().orElseThrow(() -> new IllegalStateException("no chain head for node " + node));
    });
    Map<Long, String> messageDigests = new HashMap<>();
    long seq = head.seq();
    String hash = head.hash();
    for (Event event : events) {
      String messageDigest = event.messagePk() == null ? null
          : messageDigests.computeIfAbsent(event.messagePk(), this::messageDigest);
      OffsetDateTime at = ChainFormat.stored(event.occurredAt());
      String detail = ChainFormat.storedDetail(event.detail());
      String prev = hash;
      seq++;
      hash = ChainFormat.entryHash(prev, node, seq, event.messagePk(), messageDigest, event.state(), at, detail);
      jdbc.sql("""
              insert into swg_message_event (message_pk, state, occurred_at, node, detail,
                chain_seq, prev_hash, entry_hash, message_digest)
              values (:pk, :state, :at, :node, :detail, :seq, :prev, :hash, :messageDigest)""")
          .param("pk", event.messagePk(), Types.BIGINT)
          .param("state", event.state())
          .param("at", at)
          .param("node", node)
          .param("detail", detail, Types.VARCHAR)
          .param("seq", seq)
          .param("prev", prev)
          .param("hash", hash)
          .param("messageDigest", messageDigest, Types.VARCHAR)
          .update();
    }
    jdbc.sql("update swg_audit_head set chain_seq = :seq, entry_hash = :hash where node = :node")
        .param("seq", seq)
        .param("hash", hash)
        .param("node", node)
        .update();
  }

  /**
   * A detail naming the person who asked for the change, e.g. "replayed by alice"; the detail
   * alone when no one is named. The actor is cut to 128 characters, control characters blanked.
   */
  public static String byActor(String detail, String actor) {
    if (actor == null || actor.isBlank()) {
      return detail;
    }
    String clean = actor.strip().replaceAll("\\p{Cntrl}", " ");
    return detail + " by " + (clean.length() > ACTOR_WIDTH ? clean.substring(0, ACTOR_WIDTH) : clean);
  }

  /**
   * The detail of a {@link #BYTES_PURGED} event, in a fixed form the verifier reads back: which
   * messages' bytes may be missing from then on.
   */
  public static String bytesPurged(OffsetDateTime receivedBefore, int messages, String policy) {
    return "finished messages received before " + ChainFormat.time(receivedBefore) + ": bytes of " + messages
        + " purged (" + policy + ")";
  }

  /** The receivedBefore of a {@link #bytesPurged} detail, or empty if it is not one. */
  public static Optional<OffsetDateTime> purgedBefore(String detail) {
    Matcher matcher = detail == null ? null : PURGE_CUTOFF.matcher(detail);
    if (matcher == null || !matcher.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(matcher.group(1)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private Optional<Head> lockHead() {
    return jdbc.sql("select chain_seq, entry_hash from swg_audit_head where node = :node for update")
        .param("node", node)
        .query((rs, row) -> new Head(rs.getLong(1), rs.getString(2)))
        .optional();
  }

  /**
   * The node's first append creates its head. Two transactions may try at once: the loser's
   * insert fails on the primary key once the winner commits, and is undone to a savepoint so
   * that the caller's transaction (which PostgreSQL would otherwise abort) goes on and locks the
   * winner's head.
   */
  private void createHead() {
    jdbcTemplate.execute((ConnectionCallback<Void>) connection -> {
      Savepoint savepoint = connection.setSavepoint();
      try (PreparedStatement insert = connection.prepareStatement(
          "insert into swg_audit_head (node, chain_seq, entry_hash) values (?, 0, ?)")) {
        insert.setString(1, node);
        insert.setString(2, ChainFormat.GENESIS);
        insert.executeUpdate();
        connection.releaseSavepoint(savepoint);
      } catch (SQLException e) {
        connection.rollback(savepoint);
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
      }
      return null;
    });
  }

  private String messageDigest(Long messagePk) {
    return jdbc.sql("select " + MessageIdentity.COLUMNS + " from swg_message where id = :pk")
        .param("pk", messagePk)
        .query(MessageIdentity.ROW)
        .optional()
        .orElseThrow(() -> new IllegalStateException("no message #" + messagePk + " to record an event of"))
        .digest();
  }
}
