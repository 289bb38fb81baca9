package vn.customs.swg.store;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.customs.swg.audit.ChainFormat;
import vn.customs.swg.audit.EventLog;

/**
 * The durable record of every inbound message: its metadata and original bytes, every state
 * transition as an event stamped with this node's id, and the idempotency key of accepted
 * messages. The store decides that deduplication holds across gateway nodes by leaving it to the
 * primary key of {@code swg_dedup_key}: an acceptance and its key commit together or not at all,
 * so of two nodes accepting the same (partner, messageId) exactly one wins and the other gets a
 * {@link DuplicateMessageException} naming the winner. Only accepted messages hold a key;
 * rejections are recorded without one, and a failed dispatch gives its key back so that the
 * sender's resend of the same messageId is processed afresh. Events go through the audit
 * {@link EventLog}, last in each transaction (its head lock then lasts only until the commit);
 * a message's identifying fields and byte digests, which every event binds, are written once
 * and never updated. The SQL is plain enough to run unchanged on H2 and PostgreSQL.
 */
public class MessageStore {

  public static final String RECEIVED = "RECEIVED";
  public static final String ACCEPTED = "ACCEPTED";
  public static final String DISPATCHED = "DISPATCHED";
  public static final String REJECTED = "REJECTED";
  /** An event, not a state: the sender sent an accepted message again, byte for byte. */
  public static final String RESUBMITTED = "RESUBMITTED";

  private static final String INBOUND = "INBOUND";
  private static final String OUTBOUND = "OUTBOUND";
  /** Outbound: validated, counter-signed and stored, before delivery (swg_delivery takes over). */
  public static final String SIGNED = "SIGNED";

  // A key can be freed between our failed insert and our read of its holder (the holder's
  // dispatch failed); then the acceptance is simply tried again, a bounded number of times.
  private static final int MAX_ACCEPT_ATTEMPTS = 3;

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final EventLog events;

  public MessageStore(
      JdbcTemplate jdbcTemplate,
      PlatformTransactionManager transactions,
      Clock clock,
      String nodeId) {
    this.jdbc = JdbcClient.create(jdbcTemplate);
    this.tx = new TransactionTemplate(transactions);
    this.clock = Objects.requireNonNull(clock, "clock");
    if (nodeId == null || nodeId.isBlank() || nodeId.length() > 64) {
      throw new IllegalArgumentException("nodeId must be 1-64 characters, got: " + nodeId);
    }
    this.events = new EventLog(jdbcTemplate, nodeId);
  }

  /** The idempotency key of an accepted message of this partner, if there is one. */
  public Optional<DedupEntry> findDedupEntry(String partnerId, String messageId) {
    return jdbc.sql("""
            select k.message_pk, k.content_digest, m.state, m.received_at, m.destination
            from swg_dedup_key k join swg_message m on m.id = k.message_pk
            where k.partner_id = :partner and k.message_id = :messageId""")
        .param("partner", partnerId)
        .param("messageId", messageId)
        .query(MessageRows.DEDUP)
        .optional();
  }

  /**
   * Stores an accepted message with its RECEIVED and ACCEPTED events and its idempotency key,
   * all in one transaction.
   *
   * @throws DuplicateMessageException if the key is already held; nothing was stored
   */
  public StoredMessage recordAccepted(InboundRecord r) {
    return recordAccepted(r, null);
  }

  /**
   * As {@link #recordAccepted(InboundRecord)}, keeping in the same transaction the revocation
   * answer the message was accepted on (null when none was asked).
   */
  public StoredMessage recordAccepted(InboundRecord r, RevocationEvidence evidence) {
    for (int attempt = 1; ; attempt++) {
      try {
        return tx.execute(status -> insertAccepted(r, evidence));
      } catch (DuplicateKeyException e) {
        // Read the holder after the rollback: on PostgreSQL the failed insert has aborted the
        // transaction, and only a committed holder can have caused the violation anyway.
        Optional<DedupEntry> existing = findDedupEntry(r.partnerId(), r.messageId());
        if (existing.isPresent()) {
          throw new DuplicateMessageException(r.partnerId(), r.messageId(), existing.get());
        }
        if (attempt == MAX_ACCEPT_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * Keeps the counter-signed envelope of an accepted message before it is sent: from this commit on,
   * any node can put the message on its queue from the store if this one dies before it does
   * (inbound/DispatchSweeper). The signed bytes are written once; their digest enters the audit chain
   * with the DISPATCHED event.
   *
   * @throws IllegalStateException if the message is no longer ACCEPTED (a sweeper released it
   *     because it stayed unforwarded past the grace period): it must not be sent
   */
  public void keepForwarded(long messagePk, byte[] forwardedBytes) {
    Objects.requireNonNull(forwardedBytes, "forwardedBytes");
    int updated = jdbc.sql("""
            update swg_message set signed_bytes = :signed, signed_sha256 = :sha
            where id = :id and state = 'ACCEPTED' and signed_bytes is null""")
        .param("signed", forwardedBytes)
        .param("sha", ChainFormat.sha256OrNull(forwardedBytes), java.sql.Types.VARCHAR)
        .param("id", messagePk)
        .update();
    if (updated != 1) {
      throw new IllegalStateException("message #" + messagePk + " is not ACCEPTED without forwarded bytes");
    }
  }

  /**
   * The accepted message is on its back-end queue as the forwarded envelope {@link #keepForwarded}
   * kept: the DISPATCHED state and its event, in one transaction. The event's chain entry records
   * the digest of the kept bytes, so the audit chain covers what Customs' back-end received from
   * this event on. Idempotent: a message another node dispatched first (a sweeper, a resend) stays
   * DISPATCHED once.
   *
   * @return false if the message was DISPATCHED already
   * @throws IllegalStateException if the message is not ACCEPTED with kept forwarded bytes: only
   *     kept bytes are ever sent, so anything else is a defect, and nothing is changed
   */
  public boolean markDispatched(long messagePk) {
    return Boolean.TRUE.equals(tx.execute(status -> {
      OffsetDateTime now = now();
      int updated = jdbc.sql("""
              update swg_message set state = 'DISPATCHED', updated_at = :now, error_codes = null
              where id = :id and state = 'ACCEPTED' and signed_sha256 is not null""")
          .param("now", now)
          .param("id", messagePk)
          .update();
      if (updated == 1) {
        events.append(messagePk, DISPATCHED, now, null);
        return true;
      }
      // The conditional update waited for a node marking it at the same moment, then found it done.
      if (DISPATCHED.equals(stateOf(messagePk))) {
        return false;
      }
      throw new IllegalStateException("message #" + messagePk + " is not ACCEPTED with kept forwarded bytes,"
          + " cannot become " + DISPATCHED);
    }));
  }


  private String stateOf(long messagePk) {
    return jdbc.sql("select state from swg_message where id = :id").param("id", messagePk)
        .query(String.class).optional().orElse(null);
  }

  /**
   * Accepted inbound messages last touched before {@code cutoff} and still not DISPATCHED: those
   * whose node died between recording and dispatch (or whose DISPATCHED state could not be
   * written). Each returned message is claimed for this caller: its {@code updated_at} moves to now
   * in a conditional update, so another node sweeping at the same time skips it, and takes it
   * again only if this one does not finish within the grace period.
   */
  public List<Undispatched> claimUndispatched(OffsetDateTime cutoff, int max) {
    OffsetDateTime utcCutoff = utc(cutoff);
    List<Long> candidates = jdbc.sql("""
            select id from swg_message
            where direction = 'INBOUND' and state = 'ACCEPTED' and updated_at < :cutoff
            order by id fetch first :max rows only""")
        .param("cutoff", utcCutoff)
        .param("max", max)
        .query(Long.class)
        .list();
    List<Undispatched> claimed = new java.util.ArrayList<>();
    for (long pk : candidates) {
      if (claimForDispatch(pk, utcCutoff)) {
        find(pk).ifPresent(message -> claimed.add(new Undispatched(message, signedBytes(pk).orElse(null))));
      }
    }
    return claimed;
  }

  /**
   * Claims one accepted message last touched before {@code cutoff} for dispatch by this caller, as
   * {@link #claimUndispatched} does: of callers at the same moment, one wins.
   *
   * @return false if it is not ACCEPTED, or was touched (claimed, or still in its node's hands) since
   */
  public boolean claimForDispatch(long messagePk, OffsetDateTime cutoff) {
    return jdbc.sql("""
            update swg_message set updated_at = :now
            where id = :id and state = 'ACCEPTED' and updated_at < :cutoff""")
        .param("now", now())
        .param("id", messagePk)
        .param("cutoff", utc(cutoff))
        .update() == 1;
  }

  /**
   * An accepted message not yet recorded as dispatched.
   *
   * @param forwardedBytes the counter-signed envelope to send, or null if its node died before
   *     keeping it (then it was never sent: see {@link #releaseUnforwarded})
   */
  public record Undispatched(StoredMessage message, byte[] forwardedBytes) {}

  /**
   * Gives up an accepted message whose node died before it kept the forwarded envelope: it was
   * never sent, and its sender got no ACCEPTED receipt for it. It becomes REJECTED with the error
   * code and frees its idempotency key, so the sender's resend is accepted afresh. Conditional, so
   * it never overtakes a node that is still working on the message.
   *
   * @return false if the message has its forwarded bytes or left ACCEPTED meanwhile
   */
  public boolean releaseUnforwarded(long messagePk, String errorCode, String detail) {
    Objects.requireNonNull(errorCode, "errorCode");
    return Boolean.TRUE.equals(tx.execute(status -> {
      OffsetDateTime now = now();
      int updated = jdbc.sql("""
              update swg_message set state = 'REJECTED', updated_at = :now, error_codes = :codes
              where id = :id and state = 'ACCEPTED' and signed_bytes is null""")
          .param("now", now)
          .param("codes", errorCode)
          .param("id", messagePk)
          .update();
      if (updated != 1) {
        return false;
      }
      jdbc.sql("delete from swg_dedup_key where message_pk = :id").param("id", messagePk).update();
      events.append(messagePk, REJECTED, now, detail == null ? errorCode : errorCode + " " + detail);
      return true;
    }));
  }

  /**
   * Records, as an event of the accepted message, that its sender sent it again byte for byte and
   * was answered DUPLICATE: nothing is stored or forwarded twice, but the evidence shows every
   * submission. The message's state does not change.
   */
  public void recordResubmission(long messagePk, String channel) {
    tx.executeWithoutResult(status -> events.append(messagePk, RESUBMITTED, now(),
        "identical resubmission over " + channel + ", answered DUPLICATE"));
  }

  /**
   * The back-end queue was unavailable: the message becomes REJECTED with the error code and
   * gives up its idempotency key, so that the sender's resend of the same messageId (which the
   * retryable error invites) is accepted rather than answered as a duplicate.
   */
  public void releaseAfterFailedDispatch(long messagePk, String errorCode, String detail) {
    Objects.requireNonNull(errorCode, "errorCode");
    tx.executeWithoutResult(status -> {
      jdbc.sql("delete from swg_dedup_key where message_pk = :id").param("id", messagePk).update();
      String eventDetail = detail == null ? errorCode : errorCode + " " + detail;
      transition(messagePk, REJECTED, errorCode, eventDetail);
    });
  }

  /** Stores a rejected submission with its RECEIVED and REJECTED events; it takes no key. */
  public long recordRejected(RejectedRecord r) {
    return tx.execute(status -> {
      long pk = insertMessage(REJECTED, MessageRows.params(r));
      String codes = MessageRows.joinCodes(r.errorCodes());
      events.append(List.of(new EventLog.Event(pk, RECEIVED, r.receivedAt(), null),
          new EventLog.Event(pk, REJECTED, now(), r.detail() == null ? codes : codes + " " + r.detail())));
      return pk;
    });
  }

  public Optional<StoredMessage> find(long messagePk) {
    return jdbc.sql("select " + MessageRows.MESSAGE_COLUMNS + " from swg_message where id = :id")
        .param("id", messagePk)
        .query(MessageRows.MESSAGE)
        .optional();
  }

  /**
   * What tracking reports for a partner's messageId: the accepted or dispatched record if there
   * is one (a resend after a failed dispatch leaves an earlier REJECTED record behind it),
   * otherwise the most recent record.
   */
  public Optional<StoredMessage> findLatest(String partnerId, String messageId) {
    return jdbc.sql("select " + MessageRows.MESSAGE_COLUMNS + """
             from swg_message
            where partner_id = :partner and message_id = :messageId
            order by case when state in ('ACCEPTED', 'DISPATCHED') then 0 else 1 end,
                     received_at desc, id desc
            fetch first 1 rows only""")
        .param("partner", partnerId)
        .param("messageId", messageId)
        .query(MessageRows.MESSAGE)
        .optional();
  }

  /** The state history of a message, oldest first. */
  public List<MessageEvent> events(long messagePk) {
    return jdbc.sql("""
            select id, message_pk, state, occurred_at, node, detail from swg_message_event
            where message_pk = :id order by occurred_at, id""")
        .param("id", messagePk)
        .query(MessageRows.EVENT)
        .list();
  }

  /** The bytes as received; empty if the message is unknown or nothing readable arrived. */
  public Optional<byte[]> originalBytes(long messagePk) {
    return jdbc.sql("select original_bytes from swg_message where id = :id")
        .param("id", messagePk)
        .query((rs, row) -> rs.getBytes(1))
        .list().stream().filter(Objects::nonNull).findFirst();
  }

  private StoredMessage insertAccepted(InboundRecord r, RevocationEvidence evidence) {
    long pk = insertMessage(ACCEPTED, MessageRows.params(r));
    // After the message row it points to; a violation here rolls the message back, before the
    // events have taken the chain's head lock.
    jdbc.sql("""
            insert into swg_dedup_key
              (partner_id, message_id, content_digest, message_pk, created_at)
            values (:partner, :messageId, :digest, :pk, :now)""")
        .param("partner", r.partnerId())
        .param("messageId", r.messageId())
        .param("digest", r.contentDigest())
        .param("pk", pk)
        .param("now", now())
        .update();
    if (evidence != null) {
      insertEvidence(pk, evidence);
    }
    StoredMessage stored = find(pk).orElseThrow();
    events.append(List.of(new EventLog.Event(pk, RECEIVED, r.receivedAt(), null),
        new EventLog.Event(pk, ACCEPTED, now(), null)));
    return stored;
  }

  private void insertEvidence(long pk, RevocationEvidence e) {
    jdbc.sql("""
            insert into swg_revocation_evidence (message_pk, certificate, status, source, this_update,
              next_update, crl_number, soft_fail, detail, ocsp_response)
            values (:pk, :certificate, :status, :source, :thisUpdate, :nextUpdate, :crlNumber, :softFail,
              :detail, :ocsp)""")
        .param("pk", pk)
        .param("certificate", e.certificate())
        .param("status", e.status())
        .param("source", e.source())
        .param("thisUpdate", utc(e.thisUpdate()))
        .param("nextUpdate", utc(e.nextUpdate()))
        .param("crlNumber", e.crlNumber())
        .param("softFail", e.softFail())
        .param("detail", e.detail() == null || e.detail().length() <= 1000 ? e.detail() : e.detail().substring(0, 1000))
        .param("ocsp", e.ocspResponse())
        .update();
  }

  /** The revocation evidence of an accepted message, if it has any. */
  public Optional<RevocationEvidence> revocationEvidence(long messagePk) {
    return jdbc.sql("""
            select certificate, status, source, this_update, next_update, crl_number, soft_fail, detail,
              ocsp_response
            from swg_revocation_evidence where message_pk = :pk""")
        .param("pk", messagePk)
        .query((rs, row) -> new RevocationEvidence(rs.getString("certificate"), rs.getString("status"),
            rs.getString("source"), rs.getObject("this_update", OffsetDateTime.class),
            rs.getObject("next_update", OffsetDateTime.class), rs.getString("crl_number"), rs.getBoolean("soft_fail"),
            rs.getString("detail"), rs.getBytes("ocsp_response")))
        .optional();
  }

  private static OffsetDateTime utc(OffsetDateTime time) {
    return time == null ? null : time.withOffsetSameInstant(java.time.ZoneOffset.UTC);
  }

  /**
   * Records an outbound message the gateway has validated and signed: state SIGNED with its
   * RECEIVED and SIGNED events, the back-end's bytes and the signed bytes, in one transaction.
   */
  public StoredMessage recordOutboundSigned(OutboundRecord r, String senderIdentity) {
    return tx.execute(status -> {
      Map<String, Object> header = new java.util.HashMap<>();
      header.put("partner", r.partnerId());
      header.put("messageId", r.messageId());
      header.put("type", r.messageType());
      header.put("function", r.functionCode());
      header.put("sender", senderIdentity);
      header.put("receiver", r.receiverIdentity());
      header.put("conversation", r.conversationId());
      header.put("refTo", r.refToMessageId());
      header.put("docRef", r.documentReference());
      header.put("channel", r.channel());
      header.put("destination", r.destination());
      header.put("codes", null);
      header.put("digest", r.contentDigest());
      header.put("certificate", null);
      header.put("receivedAt", r.receivedAt().withOffsetSameInstant(java.time.ZoneOffset.UTC));
      header.put("bytes", r.originalBytes());
      long pk = insertMessage(OUTBOUND, SIGNED, header);
      jdbc.sql("update swg_message set signed_bytes = :signed, signed_sha256 = :sha where id = :id")
          .param("signed", r.signedBytes())
          .param("sha", ChainFormat.sha256OrNull(r.signedBytes()), java.sql.Types.VARCHAR)
          .param("id", pk)
          .update();
      StoredMessage stored = find(pk).orElseThrow();
      events.append(List.of(new EventLog.Event(pk, RECEIVED, r.receivedAt(), null),
          new EventLog.Event(pk, SIGNED, now(), null)));
      return stored;
    });
  }

  /** An outbound message already recorded for this partner and messageId (a redelivered back-end message). */
  public Optional<StoredMessage> findOutbound(String partnerId, String messageId) {
    return findByDirection(OUTBOUND, partnerId, messageId);
  }

  /** The inbound message a reply refers to, if this partner sent it. */
  public Optional<StoredMessage> findInbound(String partnerId, String messageId) {
    return findByDirection(INBOUND, partnerId, messageId);
  }

  private Optional<StoredMessage> findByDirection(String direction, String partnerId, String messageId) {
    return jdbc.sql("select " + MessageRows.MESSAGE_COLUMNS + """
             from swg_message
            where direction = :direction and partner_id = :partner and message_id = :messageId
              and state <> 'REJECTED'
            order by id desc
            fetch first 1 rows only""")
        .param("direction", direction)
        .param("partner", partnerId)
        .param("messageId", messageId)
        .query(MessageRows.MESSAGE)
        .optional();
  }

  /**
   * The envelope as the gateway signed and sent it on, for delivery and evidence: outbound, as
   * delivered to the partner; inbound, as forwarded to the back-end queue. Empty for an inbound
   * message not (yet) dispatched, and for rejections.
   */
  public Optional<byte[]> signedBytes(long messagePk) {
    return jdbc.sql("select signed_bytes from swg_message where id = :id")
        .param("id", messagePk)
        .query((rs, row) -> rs.getBytes(1))
        .optional()
        .filter(java.util.Objects::nonNull);
  }

  /** Stores an outbound message that was refused (dead-lettered) with its codes. */
  public long recordRejectedOutbound(RejectedRecord r) {
    return tx.execute(status -> {
      long pk = insertMessage(OUTBOUND, REJECTED, MessageRows.params(r));
      events.append(List.of(new EventLog.Event(pk, RECEIVED, r.receivedAt(), null),
          new EventLog.Event(pk, REJECTED, now(), r.detail())));
      return pk;
    });
  }

  private long insertMessage(String state, Map<String, Object> header) {
    return insertMessage(INBOUND, state, header);
  }

  private long insertMessage(String direction, String state, Map<String, Object> header) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into swg_message (direction, partner_id, message_id, message_type, function_code,
              sender_identity, receiver_identity, conversation_id, ref_to_message_id,
              document_reference, channel, destination, state, error_codes, content_digest,
              sender_certificate, received_at, updated_at, original_bytes, original_sha256)
            values (:direction, :partner, :messageId, :type, :function, :sender, :receiver,
              :conversation, :refTo, :docRef, :channel, :destination, :state, :codes, :digest,
              :certificate, :receivedAt, :updatedAt, :bytes, :bytesSha256)""")
        .params(header)
        .param("bytesSha256", ChainFormat.sha256OrNull((byte[]) header.get("bytes")), java.sql.Types.VARCHAR)
        .param("direction", direction)
        .param("state", state)
        .param("updatedAt", now())
        .update(key, "id");
    return key.getKeyAs(Long.class);
  }

  /**
   * Moves an ACCEPTED message on (accepted messages carry no error codes, so the codes are simply
   * set); any other starting state is a caller's bug, not something to retry.
   */
  private void transition(long messagePk, String state, String errorCode, String detail) {
    OffsetDateTime now = now();
    int updated = jdbc.sql("""
            update swg_message set state = :state, updated_at = :now,
              error_codes = :codes
            where id = :id and state = 'ACCEPTED'""")
        .param("state", state)
        .param("now", now)
        .param("codes", errorCode)
        .param("id", messagePk)
        .update();
    if (updated != 1) {
      throw new IllegalStateException(
          "message #" + messagePk + " is not ACCEPTED, cannot become " + state);
    }
    events.append(messagePk, state, now, detail);
  }

  private OffsetDateTime now() {
    return MessageRows.utc(OffsetDateTime.now(clock));
  }
}
