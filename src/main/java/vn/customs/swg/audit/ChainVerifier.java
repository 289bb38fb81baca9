package vn.customs.swg.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import java.security.cert.X509Certificate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import vn.customs.swg.audit.BrokenLink.Reason;
import vn.customs.swg.trust.PemCertificates;

/**
 * Decides whether the audit chains in a database are intact (docs/audit-log.md). For each node it
 * walks the events in chain order and recomputes every entry hash, checks every prev link and
 * that no position is missing, that each event's message still has the identifying fields and
 * bytes the event bound, that every checkpoint is signed by a trusted gateway certificate over a
 * hash the chain has at that position, and that the head row and the checkpoints do not reach
 * past the last event. A chain may start above seq 1 (a retention purge) only right after a
 * genuine checkpoint. It stops at a node's first broken link and reports it. The walk runs in one
 * read-only repeatable-read transaction, so appends and purges running meanwhile on other
 * connections neither show up halfway nor look like gaps.
 */
public final class ChainVerifier {

  private static final int PAGE = 500;
  private static final int MESSAGE_CACHE = 10_000;
  /** The longest pause between two pages of a paced walk: 50 ms. */
  static final long MAX_PAUSE_NANOS = 50_000_000;
  /**
   * The first statement of every verification names every table the verifier reads, so that all of
   * them are read as they stood at that moment while the node goes on writing. PostgreSQL's
   * REPEATABLE READ takes one snapshot at a transaction's first statement; H2's takes each table's
   * snapshot at the first statement that reads that table, and an event appended between reading
   * the head and reading the events looked like a head set back (seen under load in bench/run.sh).
   */
  private static final String OPEN_SNAPSHOT = """
      select (select count(*) from swg_audit_head where false)
           + (select count(*) from swg_audit_checkpoint where false)
           + (select count(*) from swg_audit_origin where false)
           + (select count(*) from swg_message_event where false)
           + (select count(*) from swg_message where false)""";

  private final JdbcClient jdbc;
  private final TransactionTemplate snapshot;
  private final Map<String, X509Certificate> signers;
  private final Clock clock;

  /**
   * @param trustedSigners gateway certificates whose checkpoint signatures are genuine (the
   *     current one and any earlier ones a rotated key signed with)
   */
  public ChainVerifier(DataSource dataSource, Collection<X509Certificate> trustedSigners, Clock clock) {
    this.jdbc = JdbcClient.create(new JdbcTemplate(dataSource));
    this.snapshot = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.snapshot.setReadOnly(true);
    this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.signers = trustedSigners.stream().collect(
        Collectors.toMap(PemCertificates::sha256Fingerprint, Function.identity(), (a, b) -> a));
    this.clock = clock;
  }

  /** Verifies every node's chain. */
  public AuditReport verify() {
    return snapshot.execute(status -> {
      openSnapshot();
      long origin = origin();
      MessageChecks messages = new MessageChecks(purgedBefore());
      List<String> nodes = jdbc.sql("""
              select node from swg_audit_head
              union select node from swg_audit_checkpoint
              union select distinct node from swg_message_event
              order by 1""")
          .query(String.class)
          .list();
      List<NodeChain> chains = nodes.stream().map(node -> verifyNode(node, origin, messages)).toList();
      return new AuditReport(clock.instant(), chains);
    });
  }

  /**
   * What a node may sign: its head, once the events since its last checkpoint (all of them
   * before the first) re-hash and link up to it. Message contents are not re-read: a checkpoint
   * vouches for the chain, and the full verification checks the messages. The walk is paced: after
   * each page it pauses as long as the page took (at most {@link #MAX_PAUSE_NANOS}), so a node
   * serving traffic gives it at most half a core. Every event up to the head is still checked
   * before the head is signed; a long tail only takes longer (issue 7: in one burst, the walk over
   * 5 minutes of traffic delayed the answers that arrived meanwhile).
   */
  public TailCheck verifyTail(String node) {
    return snapshot.execute(status -> {
      openSnapshot();
      Optional<Head> head = head(node);
      if (head.isEmpty()) {
        return new TailCheck(0, ChainFormat.GENESIS, null);
      }
      long to = head.get().seq();
      Walk walk = new Walk(node, to, false, null);
      walk.paced = true;
      Optional<Checkpoint> last = jdbc.sql("select " + Checkpoint.COLUMNS
              + " from swg_audit_checkpoint where node = :node and chain_seq <= :to"
              + " order by chain_seq desc fetch first 1 rows only")
          .param("node", node).param("to", to)
          .query(Checkpoint.ROW)
          .optional();
      if (last.isPresent()) {
        walk.startAfter(last.get());
      } else {
        walk.start();
      }
      walk.run();
      walk.checkHead(head);
      return new TailCheck(to, head.get().hash(), walk.broken);
    });
  }

  /**
   * The outcome of {@link #verifyTail}.
   *
   * @param seq the head's position (0 when the node has no chain yet)
   * @param hash the head's entry hash
   * @param broken the first broken link since the last checkpoint, or null
   */
  public record TailCheck(long seq, String hash, BrokenLink broken) {}

  private NodeChain verifyNode(String node, long origin, MessageChecks messages) {
    Optional<Head> head = head(node);
    Long maxSeq = jdbc.sql("select max(chain_seq) from swg_message_event where node = :node")
        .param("node", node).query(Long.class).optional().orElse(null);
    long to = head.map(Head::seq).orElse(maxSeq == null ? 0 : maxSeq);
    Walk walk = new Walk(node, to, true, messages);
    walk.start();
    walk.run();
    walk.checkHead(head);
    walk.checkOtherCheckpoints();
    if (walk.broken == null) {
      jdbc.sql("select min(id) from swg_message_event where node = :node and chain_seq is null and id > :origin")
          .param("node", node).param("origin", origin)
          .query(Long.class).optional()
          .ifPresent(id -> walk.brokenAt(Reason.UNCHAINED, null, id, messageOf(id),
              "the event has no chain position although it was written after the chain began: it bypassed"
                  + " the appender"));
    }
    long unprotected = jdbc.sql(
            "select count(*) from swg_message_event where node = :node and chain_seq is null and id <= :origin")
        .param("node", node).param("origin", origin).query(Long.class).single();
    return new NodeChain(node, walk.firstSeq, walk.lastSeq(), walk.entries, walk.checkpoints, walk.anchoredAt,
        unprotected, walk.broken);
  }

  /** One node's walk: the expected next position and prev hash, what was counted, the first break. */
  private final class Walk {
    final String node;
    final long to;
    final boolean full;
    final MessageChecks messages;
    long expectedSeq = 1;
    String expectedPrev = ChainFormat.GENESIS;
    Long firstSeq;
    OffsetDateTime anchoredAt;
    long anchorSeq = 0;
    long entries;
    long checkpoints;
    BrokenLink broken;
    boolean paced;

    Walk(String node, long to, boolean full, MessageChecks messages) {
      this.node = node;
      this.to = to;
      this.full = full;
      this.messages = messages;
    }

    /** From the oldest remaining event: seq 1 after the genesis hash, or right after a checkpoint. */
    void start() {
      Long min = jdbc.sql("select min(chain_seq) from swg_message_event where node = :node and chain_seq <= :to")
          .param("node", node).param("to", to).query(Long.class).optional().orElse(null);
      // No event left at all: the head itself must then be a checkpoint (everything purged).
      long first = min == null ? to + 1 : min;
      if (first == 1) {
        return;
      }
      Optional<Checkpoint> anchor = checkpointAt(first - 1);
      if (anchor.isEmpty()) {
        Row row = min == null ? null : rowAt(first);
        brokenAt(Reason.GAP, first, row == null ? null : row.id(), row == null ? null : row.messagePk(),
            "the chain starts at seq " + first + " without a checkpoint at seq " + (first - 1)
                + ": the events before it were deleted");
        return;
      }
      startAfter(anchor.get());
    }

    /** Walks on from a checkpoint: its hash is the next event's prev_hash. */
    void startAfter(Checkpoint anchor) {
      String problem = anchor.signatureProblem(signers);
      if (problem != null) {
        brokenAtCheckpoint(Reason.BAD_CHECKPOINT_SIGNATURE, anchor, problem);
        return;
      }
      checkpoints++;
      anchorSeq = anchor.seq();
      anchoredAt = anchor.seq() > 0 ? anchor.signedAt() : null;
      expectedSeq = anchor.seq() + 1;
      expectedPrev = anchor.entryHash();
    }

    void run() {
      while (broken == null && expectedSeq <= to) {
        long pageStart = System.nanoTime();
        // "node, chain_seq" is the unique index's order: H2 then reads the page straight off the
        // index. Ordered by chain_seq alone, it sorted every row up to the head for each page, which
        // made a walk quadratic (a checkpoint after 5 minutes of traffic took seconds of CPU).
        List<Row> page = jdbc.sql("select " + Row.COLUMNS + """
                 from swg_message_event
                where node = :node and chain_seq >= :from and chain_seq <= :to
                order by node, chain_seq fetch first :n rows only""")
            .param("node", node).param("from", expectedSeq).param("to", to).param("n", PAGE)
            .query(Row.ROW).list();
        if (page.isEmpty()) {
          return;
        }
        Map<Long, Checkpoint> pageCheckpoints = full ? jdbc.sql("select " + Checkpoint.COLUMNS
                + " from swg_audit_checkpoint where node = :node and chain_seq between :from and :last")
            .param("node", node).param("from", page.get(0).seq()).param("last", page.get(page.size() - 1).seq())
            .query(Checkpoint.ROW).list().stream()
            .collect(Collectors.toMap(Checkpoint::seq, Function.identity())) : Map.of();
        for (Row row : page) {
          check(row, pageCheckpoints.get(row.seq()));
          if (broken != null) {
            return;
          }
        }
        if (paced && expectedSeq <= to) {
          LockSupport.parkNanos(Math.min(System.nanoTime() - pageStart, MAX_PAUSE_NANOS));
        }
      }
    }

    private void check(Row row, Checkpoint checkpoint) {
      if (firstSeq == null) {
        firstSeq = row.seq();
      }
      if (row.seq() != expectedSeq) {
        String missing = row.seq() - 1 == expectedSeq ? "seq " + expectedSeq : "seq " + expectedSeq + "-" + (row.seq() - 1);
        brokenAt(Reason.GAP, row.seq(), row.id(), row.messagePk(), missing + " missing before this event: deleted");
        return;
      }
      if (!expectedPrev.equals(row.prevHash())) {
        brokenAt(Reason.PREV_MISMATCH, row.seq(), row.id(), row.messagePk(),
            "its prev_hash is not the entry hash of seq " + (row.seq() - 1) + ": an event was replaced or moved");
        return;
      }
      String recomputed = ChainFormat.entryHash(row.prevHash(), node, row.seq(), row.messagePk(),
          row.messageDigest(), row.state(), row.occurredAt(), row.detail());
      if (!recomputed.equals(row.entryHash())) {
        brokenAt(Reason.HASH_MISMATCH, row.seq(), row.id(), row.messagePk(),
            "its fields no longer hash to its entry hash: the event was altered");
        return;
      }
      if (full && row.messagePk() != null) {
        MessageCheck message = messages.of(row.messagePk());
        if (message.problem() != null) {
          brokenAt(message.problem(), row.seq(), row.id(), row.messagePk(), message.explanation());
          return;
        }
        // A message gains its forwarded bytes after its first events (inbound: at DISPATCHED), so
        // each event records the message as it stood then, and the message as it stands now must
        // be what its latest event recorded.
        if (!message.digest().equals(message.latestRecorded())) {
          brokenAt(Reason.MESSAGE_ALTERED, row.seq(), row.id(), row.messagePk(),
              "the message's identifying fields or byte digests differ from what its latest event recorded");
          return;
        }
      }
      if (checkpoint != null && !verified(checkpoint, row.entryHash())) {
        return;
      }
      entries++;
      expectedSeq++;
      expectedPrev = row.entryHash();
    }

    private boolean verified(Checkpoint checkpoint, String hashAtSeq) {
      String problem = checkpoint.signatureProblem(signers);
      if (problem != null) {
        brokenAtCheckpoint(Reason.BAD_CHECKPOINT_SIGNATURE, checkpoint, problem);
        return false;
      }
      if (!checkpoint.entryHash().equals(hashAtSeq)) {
        brokenAtCheckpoint(Reason.CHECKPOINT_MISMATCH, checkpoint,
            "the checkpoint signed a different hash for this position: the chain was rewritten up to here");
        return false;
      }
      checkpoints++;
      return true;
    }

    /** The walk reached the head row's position, with its hash; nothing lies beyond it. */
    void checkHead(Optional<Head> head) {
      if (broken != null) {
        return;
      }
      long last = expectedSeq - 1;
      if (last < to) {
        brokenAt(head.isPresent() ? Reason.TRUNCATED : Reason.GAP, to, null, null,
            "the chain ends at seq " + last + " but its head is at seq " + to + ": the tail was deleted");
        return;
      }
      if (head.isEmpty()) {
        if (last > 0) {
          brokenAt(Reason.HEAD_MISMATCH, last, null, null, "the node's head row is missing");
        }
        return;
      }
      if (!head.get().hash().equals(expectedPrev)) {
        brokenAt(Reason.HEAD_MISMATCH, to, null, null, "the head row's hash is not the last event's entry hash");
        return;
      }
      jdbc.sql("select min(chain_seq) from swg_message_event where node = :node and chain_seq > :to")
          .param("node", node).param("to", to).query(Long.class).optional()
          .ifPresent(seq -> brokenAt(Reason.HEAD_MISMATCH, seq, null, null,
              "events lie beyond the head row's seq " + to + ": the head row was set back"));
    }

    /** Checkpoints the walk did not meet: past the end (a truncation), or before a purged prefix. */
    void checkOtherCheckpoints() {
      if (broken != null) {
        return;
      }
      List<Checkpoint> others = jdbc.sql("select " + Checkpoint.COLUMNS + """
               from swg_audit_checkpoint
              where node = :node and (chain_seq < :anchor or chain_seq > :last)
              order by chain_seq""")
          .param("node", node).param("anchor", anchorSeq).param("last", expectedSeq - 1)
          .query(Checkpoint.ROW).list();
      for (Checkpoint checkpoint : others) {
        String problem = checkpoint.signatureProblem(signers);
        if (problem != null) {
          brokenAtCheckpoint(Reason.BAD_CHECKPOINT_SIGNATURE, checkpoint, problem);
          return;
        }
        if (checkpoint.seq() > expectedSeq - 1) {
          brokenAtCheckpoint(Reason.TRUNCATED, checkpoint, "a checkpoint signed seq " + checkpoint.seq()
              + " but the chain ends at seq " + (expectedSeq - 1) + ": the tail was deleted");
          return;
        }
        checkpoints++;
      }
    }

    Long lastSeq() {
      return entries == 0 ? null : expectedSeq - 1;
    }

    void brokenAt(Reason reason, Long seq, Long eventId, Long messagePk, String explanation) {
      if (broken == null) {
        broken = new BrokenLink(reason, node, seq, eventId, messagePk, label(messagePk), null, explanation);
      }
    }

    void brokenAtCheckpoint(Reason reason, Checkpoint checkpoint, String explanation) {
      if (broken == null) {
        Row row = rowAt(checkpoint.seq());
        Long messagePk = row == null ? null : row.messagePk();
        broken = new BrokenLink(reason, node, checkpoint.seq(), row == null ? null : row.id(), messagePk,
            label(messagePk), checkpoint.id(), explanation);
      }
    }

    private Row rowAt(long seq) {
      return jdbc.sql("select " + Row.COLUMNS + " from swg_message_event where node = :node and chain_seq = :seq")
          .param("node", node).param("seq", seq).query(Row.ROW).optional().orElse(null);
    }

    private Optional<Checkpoint> checkpointAt(long seq) {
      return jdbc.sql("select " + Checkpoint.COLUMNS + " from swg_audit_checkpoint where node = :node and chain_seq = :seq")
          .param("node", node).param("seq", seq).query(Checkpoint.ROW).optional();
    }
  }

  private record Head(long seq, String hash) {}

  private void openSnapshot() {
    jdbc.sql(OPEN_SNAPSHOT).query(Long.class).single();
  }

  private Optional<Head> head(String node) {
    return jdbc.sql("select chain_seq, entry_hash from swg_audit_head where node = :node")
        .param("node", node)
        .query((rs, row) -> new Head(rs.getLong(1), rs.getString(2)))
        .optional();
  }

  private long origin() {
    return jdbc.sql("select coalesce(max(last_unchained_event_id), 0) from swg_audit_origin").query(Long.class).single();
  }

  private Long messageOf(long eventId) {
    return jdbc.sql("select message_pk from swg_message_event where id = :id").param("id", eventId)
        .query(Long.class).optional().orElse(null);
  }

  private String label(Long messagePk) {
    if (messagePk == null) {
      return null;
    }
    return jdbc.sql("select " + MessageIdentity.COLUMNS + " from swg_message where id = :pk")
        .param("pk", messagePk).query(MessageIdentity.ROW).optional().map(MessageIdentity::label).orElse(null);
  }

  /** A chained event as stored. */
  private record Row(long id, Long messagePk, String state, OffsetDateTime occurredAt, String detail, long seq,
      String prevHash, String entryHash, String messageDigest) {
    static final String COLUMNS =
        "id, message_pk, state, occurred_at, detail, chain_seq, prev_hash, entry_hash, message_digest";
    static final org.springframework.jdbc.core.RowMapper<Row> ROW = (rs, row) -> new Row(rs.getLong("id"),
        rs.getObject("message_pk", Long.class), rs.getString("state"), rs.getObject("occurred_at", OffsetDateTime.class),
        rs.getString("detail"), rs.getLong("chain_seq"), rs.getString("prev_hash"), rs.getString("entry_hash"),
        rs.getString("message_digest"));
  }

  /** A message as it stands: its identity digest now, or why its bytes or fields cannot be trusted. */
  private record MessageCheck(String digest, String latestRecorded, Reason problem, String explanation) {}

  /**
   * Bytes may be missing from finished messages received before the latest cutoff a chained
   * BYTES_PURGED event names (a later run's cutoff covers every earlier run's).
   */
  private OffsetDateTime purgedBefore() {
    return jdbc.sql("select detail from swg_message_event where state = :state and chain_seq is not null"
            + " and message_pk is null")
        .param("state", EventLog.BYTES_PURGED)
        .query(String.class).list().stream()
        .map(EventLog::purgedBefore)
        .flatMap(Optional::stream)
        .max(OffsetDateTime::compareTo)
        .orElse(null);
  }

  /** Each message is read (bytes included) once per verification, however many events it has. */
  private final class MessageChecks {
    private final OffsetDateTime purgedBefore;

    MessageChecks(OffsetDateTime purgedBefore) {
      this.purgedBefore = purgedBefore;
    }

    private final Map<Long, MessageCheck> recent = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, MessageCheck> eldest) {
        return size() > MESSAGE_CACHE;
      }
    };

    MessageCheck of(long messagePk) {
      return recent.computeIfAbsent(messagePk, this::read);
    }

    private MessageCheck read(long messagePk) {
      return jdbc.sql("select " + MessageIdentity.COLUMNS + ", original_bytes, signed_bytes from swg_message"
              + " where id = :pk")
          .param("pk", messagePk)
          .query((rs, rowNum) -> check(MessageIdentity.ROW.mapRow(rs, rowNum), rs.getBytes("original_bytes"),
              rs.getBytes("signed_bytes"), latestRecordedDigest(messagePk)))
          .optional()
          .orElse(new MessageCheck("", null, Reason.MESSAGE_ALTERED, "the event's message no longer exists"));
    }

    private String latestRecordedDigest(long messagePk) {
      return jdbc.sql("select message_digest from swg_message_event where message_pk = :pk"
              + " and chain_seq is not null order by id desc fetch first 1 rows only")
          .param("pk", messagePk)
          .query(String.class)
          .optional()
          .orElse(null);
    }

    private MessageCheck check(MessageIdentity identity, byte[] original, byte[] signed, String latest) {
      String digest = identity.digest();
      String problem = bytesProblem("original", original, identity.originalSha256());
      if (problem == null) {
        problem = bytesProblem("signed", signed, identity.signedSha256());
      }
      if (problem != null) {
        return new MessageCheck(digest, latest, Reason.BYTES_ALTERED, problem);
      }
      boolean missing = (original == null && identity.originalSha256() != null)
          || (signed == null && identity.signedSha256() != null);
      boolean purged = purgedBefore != null && identity.receivedAt() != null
          && identity.receivedAt().isBefore(purgedBefore);
      if (missing && !purged) {
        return new MessageCheck(digest, latest, Reason.BYTES_MISSING,
            "the message's bytes are gone, but no BYTES_PURGED event in the chain covers a message received then");
      }
      return new MessageCheck(digest, latest, null, null);
    }

    private String bytesProblem(String which, byte[] bytes, String recorded) {
      if (bytes == null || recorded == null) {
        return null;
      }
      return ChainFormat.sha256(bytes).equals(recorded) ? null
          : "the " + which + " bytes no longer match the SHA-256 written with them";
    }
  }
}
