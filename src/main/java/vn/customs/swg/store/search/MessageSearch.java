package vn.customs.swg.store.search;

import java.io.ByteArrayInputStream;
import java.io.Writer;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.signature.GatewaySignatureVerifier;
import vn.customs.swg.signature.VerifiedSignature;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.RevocationEvidence;
import vn.customs.swg.store.StoredMessage;
import vn.customs.swg.store.delivery.Delivery;
import vn.customs.swg.store.delivery.DeliveryAttempt;
import vn.customs.swg.store.delivery.DeliveryStore;
import vn.customs.swg.store.search.DailyStatistics.DailyCount;
import vn.customs.swg.store.search.DailyStatistics.RejectionReason;
import vn.customs.swg.store.search.SignatureVerdict.Verdict;

/**
 * The operators' questions to the message store, read-only: which messages match a filter (paged,
 * newest first), everything recorded about one message, its bytes, a CSV export, and daily
 * statistics. Queries are plain parameterised SQL that runs unchanged on H2 and PostgreSQL; no
 * operator input is ever part of the SQL text. It decides two things of its own:
 *
 * <ul>
 *   <li>the verdict shown for each signature: the sender's as the gateway decided it at receipt
 *       (read from the state, the recorded certificate and the error codes, see
 *       {@link #senderVerdict}), and the gateway's own signature on the bytes it forwarded or
 *       delivered, verified again now;
 *   <li>what a day is: a calendar day in the gateway's zone (GMT+7), not in UTC.
 * </ul>
 *
 * <p>Page sizes are capped at {@value #MAX_PAGE_SIZE}, an export at {@value #EXPORT_LIMIT} rows
 * (and says so), statistics at {@value #MAX_STATISTICS_DAYS} days.
 */
public class MessageSearch {

  public static final int MAX_PAGE_SIZE = 200;
  public static final int EXPORT_LIMIT = 100_000;
  public static final int MAX_STATISTICS_DAYS = 366;
  public static final int TOP_REJECTIONS = 10;
  static final int EXPORT_BATCH = 1000;

  private static final String DS_NS = "http://www.w3.org/2000/09/xmldsig#";
  private static final String SUMMARY_COLUMNS = "id, direction, partner_id, message_id, message_type,"
      + " sender_identity, receiver_identity, state, channel, document_reference, conversation_id, error_codes,"
      + " received_at, updated_at";
  private static final String NEWEST_FIRST = " order by received_at desc, id desc";

  // Where in the inbound flow a code is raised (routes/receive-message.camel.yaml): admission
  // comes before the signature is looked at; authorisation, deduplication and body validation
  // come after it was accepted.
  private static final Set<String> AFTER_AUTHENTICATION = Set.of("SWG-RTE-001", "SWG-RTE-002", "SWG-RTE-003",
      "SWG-DUP-001", "SWG-ENV-004");

  private final JdbcClient jdbc;
  private final MessageStore messages;
  private final DeliveryStore deliveries;
  private final HardenedXmlParser parser;
  private final GatewaySignatureVerifier gatewaySignatures;
  private final String gatewayFingerprint;
  private final ZoneId zone;

  /**
   * @param parser parses stored signed bytes for re-verification; its size cap must allow for
   *     what the gateway adds to a message (Routing and system signature)
   * @param gatewayCertificate the certificate of the gateway's signing key in force
   * @param zone the zone days are counted in and CSV times are written in
   */
  public MessageSearch(JdbcTemplate jdbcTemplate, MessageStore messages, DeliveryStore deliveries,
      HardenedXmlParser parser, GatewaySignatureVerifier gatewaySignatures, X509Certificate gatewayCertificate,
      ZoneId zone) {
    this.jdbc = JdbcClient.create(jdbcTemplate);
    this.messages = Objects.requireNonNull(messages, "messages");
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.gatewaySignatures = Objects.requireNonNull(gatewaySignatures, "gatewaySignatures");
    this.gatewayFingerprint = vn.customs.swg.trust.PemCertificates.sha256Fingerprint(gatewayCertificate);
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /**
   * One page of the messages matching {@code filter}, newest first (by reception time, then id).
   *
   * @param page zero-based page number
   * @param size messages per page, 1 to {@value #MAX_PAGE_SIZE} (larger asks are capped)
   * @throws IllegalArgumentException if page is negative or size is not positive
   */
  public MessagePage search(MessageFilter filter, int page, int size) {
    if (page < 0) {
      throw new IllegalArgumentException("page must not be negative, got " + page);
    }
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1, got " + size);
    }
    int capped = Math.min(size, MAX_PAGE_SIZE);
    Where where = Where.of(filter);
    long total = jdbc.sql("select count(*) from swg_message" + where.sql())
        .params(where.params())
        .query(Long.class)
        .single();
    long offset = (long) page * capped;
    List<MessageSummary> items = offset >= total ? List.of()
        : jdbc.sql("select " + SUMMARY_COLUMNS + " from swg_message" + where.sql() + NEWEST_FIRST
                + " offset :offset rows fetch first :size rows only")
            .params(where.params())
            .param("offset", offset)
            .param("size", capped)
            .query(SUMMARY)
            .list();
    return new MessagePage(items, page, capped, total);
  }

  /** One message's summary line (no signature checks, no bytes); empty when there is no such message. */
  public Optional<MessageSummary> summary(long id) {
    return jdbc.sql("select " + SUMMARY_COLUMNS + " from swg_message where id = :id")
        .param("id", id)
        .query(SUMMARY)
        .optional();
  }

  /** Everything recorded about one message; empty when there is no such message. */
  public Optional<MessageDetail> detail(long id) {
    Optional<StoredMessage> found = messages.find(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    StoredMessage message = found.get();
    Delivery delivery = deliveries.findByMessage(id).orElse(null);
    List<DeliveryAttempt> attempts = delivery == null ? List.of() : deliveries.attempts(delivery.id());
    RevocationEvidence evidence = messages.revocationEvidence(id).orElse(null);
    boolean original = jdbc.sql("select count(*) from swg_message where id = :id and original_bytes is not null")
        .param("id", id).query(Long.class).single() > 0;
    Optional<byte[]> signed = messages.signedBytes(id);
    List<SignatureVerdict> signatures = new ArrayList<>();
    if (isInbound(message)) {
      signatures.add(senderVerdict(message, evidence, original ? messages.originalBytes(id).orElse(null) : null));
    }
    signatures.add(gatewayVerdict(message, signed.orElse(null)));
    return Optional.of(new MessageDetail(message, senderOf(message.direction(), message.partnerId(),
            message.senderIdentity()), receiverOf(message.direction(), message.partnerId(), message.receiverIdentity()),
        messages.events(id), delivery, attempts, revocation(evidence),
        message.errorCodes().stream().map(ErrorText::of).toList(), signatures, original, signed.isPresent()));
  }

  /** The bytes as received (inbound) or as the back-end sent them (outbound); empty if unknown or purged. */
  public Optional<byte[]> originalBytes(long id) {
    return messages.originalBytes(id);
  }

  /**
   * The bytes as the gateway signed them: delivered to the partner (outbound) or forwarded to the
   * back-end (inbound, when stored); empty when there are none (refused, purged, not kept).
   */
  public Optional<byte[]> deliveredBytes(long id) {
    return messages.signedBytes(id);
  }

  /**
   * Writes every message matching {@code filter}, newest first, as CSV to {@code out}, up to
   * {@value #EXPORT_LIMIT} rows; when more match, a last line says the export stopped there. Rows
   * are read in batches of {@value #EXPORT_BATCH} (keyset paging on reception time and id), so
   * memory does not grow with the export and no long transaction is held. The writer is not closed.
   */
  public CsvExport exportCsv(MessageFilter filter, Writer out) {
    return exportCsv(filter, out, EXPORT_LIMIT, EXPORT_BATCH);
  }

  /** As {@link #exportCsv(MessageFilter, Writer)} with the limit and batch size given (tests). */
  CsvExport exportCsv(MessageFilter filter, Writer out, int limit, int batchSize) {
    MessageCsv csv = new MessageCsv(out, zone);
    csv.header();
    Where where = Where.of(filter);
    long rows = 0;
    MessageSummary last = null;
    while (rows < limit) {
      int batch = (int) Math.min(batchSize, limit - rows);
      List<MessageSummary> page = nextBatch(where, last, batch);
      for (MessageSummary message : page) {
        csv.row(message);
      }
      rows += page.size();
      if (page.size() < batch) {
        return new CsvExport(rows, false, limit);
      }
      last = page.get(page.size() - 1);
    }
    boolean more = !nextBatch(where, last, 1).isEmpty();
    if (more) {
      csv.truncationNote(limit);
    }
    return new CsvExport(rows, more, limit);
  }

  /**
   * Counts per day, partner, type, direction and outcome from {@code from} to {@code to} (both
   * inclusive, days in the gateway's zone), and the {@value #TOP_REJECTIONS} error codes most
   * often carried by rejected messages over that range.
   *
   * @throws IllegalArgumentException if {@code to} is before {@code from} or the range is longer
   *     than {@value #MAX_STATISTICS_DAYS} days
   */
  public DailyStatistics dailyStatistics(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    if (days < 1 || days > MAX_STATISTICS_DAYS) {
      throw new IllegalArgumentException("statistics cover 1 to " + MAX_STATISTICS_DAYS + " days, from "
          + from + " to " + to + " is " + days);
    }
    List<DailyCount> counts = new ArrayList<>();
    // One indexed range query per day: portable, where grouping by a day expression is not
    // (H2 and PostgreSQL convert timestamptz to a date in different zones).
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      LocalDate current = day;
      counts.addAll(jdbc.sql("""
              select partner_id, message_type, direction, outcome, count(*) as n from (
                select partner_id, message_type, direction,
                  case when state in ('ACCEPTED', 'DISPATCHED') then 'ACCEPTED'
                       when state in ('REJECTED', 'DELIVERED', 'FAILED_DELIVERY') then state
                       else 'PENDING' end as outcome
                from swg_message where received_at >= :start and received_at < :end) counted
              group by partner_id, message_type, direction, outcome
              order by partner_id, message_type, direction, outcome""")
          .param("start", startOf(current))
          .param("end", startOf(current.plusDays(1)))
          .query((rs, row) -> new DailyCount(current, orUnknown(rs.getString("partner_id")),
              orUnknown(rs.getString("message_type")), rs.getString("direction"), rs.getString("outcome"),
              rs.getLong("n")))
          .list());
    }
    Map<String, Long> byCode = new LinkedHashMap<>();
    jdbc.sql("""
            select error_codes, count(*) as n from swg_message
            where state = 'REJECTED' and received_at >= :start and received_at < :end
            group by error_codes""")
        .param("start", startOf(from))
        .param("end", startOf(to.plusDays(1)))
        .query((rs, row) -> Map.entry(String.valueOf(rs.getString("error_codes")), rs.getLong("n")))
        .list()
        .forEach(entry -> {
          for (String code : entry.getKey().split(",")) {
            if (!code.isBlank() && !code.equals("null")) {
              byCode.merge(code.trim(), entry.getValue(), Long::sum);
            }
          }
        });
    List<RejectionReason> top = byCode.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP_REJECTIONS)
        .map(entry -> new RejectionReason(ErrorText.of(entry.getKey()), entry.getValue()))
        .toList();
    return new DailyStatistics(from, to, zone, counts, top);
  }

  /** The zone days are counted in. */
  public ZoneId zone() {
    return zone;
  }

  private List<MessageSummary> nextBatch(Where where, MessageSummary after, int batch) {
    Map<String, Object> params = new HashMap<>(where.params());
    String sql = "select " + SUMMARY_COLUMNS + " from swg_message" + where.sql();
    if (after != null) {
      sql += (where.sql().isEmpty() ? " where " : " and ")
          + "(received_at < :lastAt or (received_at = :lastAt and id < :lastId))";
      params.put("lastAt", after.receivedAt().atOffset(ZoneOffset.UTC));
      params.put("lastId", after.id());
    }
    return jdbc.sql(sql + NEWEST_FIRST + " fetch first :batch rows only")
        .params(params)
        .param("batch", batch)
        .query(SUMMARY)
        .list();
  }

  /**
   * The sender's signature as the gateway judged it when the message arrived. An accepted message
   * (or one refused only after acceptance, when its dispatch failed) carries the fingerprint of
   * the certificate that was verified; a refusal's codes tell at which step it stopped: a SEC code
   * refused the signature or its certificate, an envelope code other than SWG-ENV-004 stopped it
   * at admission before the signature was looked at, and authorisation, deduplication and body
   * validation (SWG-RTE-001/002/003, SWG-DUP-001, SWG-ENV-004) come after it was accepted.
   */
  SignatureVerdict senderVerdict(StoredMessage message, RevocationEvidence evidence, byte[] original) {
    List<String> codes = message.errorCodes();
    if (message.senderCertificate() != null) {
      String subject = original == null ? null : subjectIn(original, message.senderCertificate());
      return new SignatureVerdict(SignatureVerdict.SENDER, Verdict.VERIFIED, SignatureVerdict.AT_RECEIPT,
          message.senderCertificate(), subject, List.of(), acceptedDetail(evidence));
    }
    List<ErrorText> security = codes.stream().filter(code -> code.startsWith("SWG-SEC-")).map(ErrorText::of).toList();
    if (!security.isEmpty()) {
      return new SignatureVerdict(SignatureVerdict.SENDER, Verdict.REJECTED, SignatureVerdict.AT_RECEIPT, null, null,
          security, "refused at receipt: " + security.get(0).english());
    }
    if (codes.stream().anyMatch(AFTER_AUTHENTICATION::contains)) {
      return new SignatureVerdict(SignatureVerdict.SENDER, Verdict.VERIFIED, SignatureVerdict.AT_RECEIPT, null, null,
          List.of(), "the signature and certificate were accepted; the message was refused at a later step");
    }
    if (codes.stream().anyMatch(code -> code.startsWith("SWG-ENV-"))) {
      return new SignatureVerdict(SignatureVerdict.SENDER, Verdict.NOT_CHECKED, SignatureVerdict.AT_RECEIPT, null,
          null, List.of(), "refused at admission, before the signature was checked");
    }
    return new SignatureVerdict(SignatureVerdict.SENDER, Verdict.UNKNOWN, SignatureVerdict.AT_RECEIPT, null, null,
        List.of(), "the record does not show whether the signature was checked");
  }

  /** The gateway's system signature over the bytes it forwarded or delivered, verified again now. */
  SignatureVerdict gatewayVerdict(StoredMessage message, byte[] signed) {
    if (signed == null) {
      boolean refused = MessageStore.REJECTED.equals(message.state());
      return new SignatureVerdict(SignatureVerdict.GATEWAY, refused ? Verdict.ABSENT : Verdict.UNKNOWN,
          SignatureVerdict.NOW, null, null, List.of(), refused
              ? "nothing was " + (isInbound(message) ? "forwarded" : "delivered") + ": the message was refused"
              : "the bytes the gateway signed are not stored (not kept for this message, or purged)");
    }
    try {
      Document document = parser.parse(signed);
      VerifiedSignature verified = gatewaySignatures.verify(document);
      String fingerprint = vn.customs.swg.trust.PemCertificates.sha256Fingerprint(verified.signingCertificate());
      boolean current = fingerprint.equals(gatewayFingerprint);
      return new SignatureVerdict(SignatureVerdict.GATEWAY, Verdict.VERIFIED, SignatureVerdict.NOW, fingerprint,
          subject(verified.signingCertificate()), List.of(), current
              ? "the stored bytes verify, signed with the gateway key in force"
              : "the stored bytes verify, signed with a certificate that is not the gateway key in force"
                  + " (an earlier key?)");
    } catch (MessageRejectedException e) {
      ErrorText code = ErrorText.of(e.errorCode().code());
      return new SignatureVerdict(SignatureVerdict.GATEWAY, Verdict.REJECTED, SignatureVerdict.NOW, null, null,
          List.of(code), "the stored bytes do not verify: " + e.getMessage());
    }
  }

  private static String acceptedDetail(RevocationEvidence evidence) {
    String base = "accepted at receipt: signature verified, certificate chained to the partner's anchors";
    if (evidence == null) {
      return base;
    }
    if (evidence.softFail()) {
      return base + "; revocation status UNAVAILABLE, let through by the partner's soft-fail policy";
    }
    return base + "; revocation status " + evidence.status()
        + (evidence.source() == null ? "" : " by " + evidence.source());
  }

  /** The subject of the KeyInfo certificate with this fingerprint in the original bytes, or null. */
  private String subjectIn(byte[] original, String fingerprint) {
    try {
      NodeList certificates = parser.parse(original).getElementsByTagNameNS(DS_NS, "X509Certificate");
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (int i = 0; i < certificates.getLength(); i++) {
        byte[] der = Base64.getMimeDecoder().decode(certificates.item(i).getTextContent());
        X509Certificate certificate = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        if (vn.customs.swg.trust.PemCertificates.sha256Fingerprint(certificate).equals(fingerprint)) {
          return subject(certificate);
        }
      }
      return null;
    } catch (RuntimeException | CertificateException e) {
      // Evidence display only: the stored verdict stands whether or not the subject can be shown.
      return null;
    }
  }

  private static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
  }

  private static MessageDetail.Revocation revocation(RevocationEvidence e) {
    return e == null ? null : new MessageDetail.Revocation(e.certificate(), e.status(), e.source(), e.thisUpdate(),
        e.nextUpdate(), e.crlNumber(), e.softFail(), e.detail(), e.ocspResponse() != null);
  }

  private OffsetDateTime startOf(LocalDate day) {
    return day.atStartOfDay(zone).toInstant().atOffset(ZoneOffset.UTC);
  }

  private static boolean isInbound(StoredMessage message) {
    return "INBOUND".equals(message.direction());
  }

  private static String orUnknown(String value) {
    return value == null ? DailyStatistics.UNKNOWN : value;
  }

  static String senderOf(String direction, String partnerId, String senderIdentity) {
    return "INBOUND".equals(direction) && partnerId != null ? partnerId : senderIdentity;
  }

  static String receiverOf(String direction, String partnerId, String receiverIdentity) {
    return "OUTBOUND".equals(direction) && partnerId != null ? partnerId : receiverIdentity;
  }

  private static final RowMapper<MessageSummary> SUMMARY = (rs, row) -> {
    String direction = rs.getString("direction");
    String partner = rs.getString("partner_id");
    return new MessageSummary(
        rs.getLong("id"),
        direction,
        partner,
        rs.getString("message_id"),
        rs.getString("message_type"),
        senderOf(direction, partner, rs.getString("sender_identity")),
        receiverOf(direction, partner, rs.getString("receiver_identity")),
        rs.getString("state"),
        rs.getString("channel"),
        rs.getString("document_reference"),
        rs.getString("conversation_id"),
        codes(rs.getString("error_codes")),
        instant(rs, "received_at"),
        instant(rs, "updated_at"));
  };

  private static List<String> codes(String joined) {
    if (joined == null || joined.isBlank()) {
      return List.of();
    }
    return java.util.Arrays.stream(joined.split(",")).map(String::trim).filter(code -> !code.isEmpty()).toList();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** The WHERE clause of a filter: fixed SQL text with named parameters, values only in parameters. */
  private record Where(String sql, Map<String, Object> params) {

    static Where of(MessageFilter f) {
      List<String> conditions = new ArrayList<>();
      Map<String, Object> params = new HashMap<>();
      if (f.sender() != null) {
        conditions.add("((direction = 'INBOUND' and (partner_id = :sender or sender_identity = :sender))"
            + " or (direction = 'OUTBOUND' and sender_identity = :sender))");
        params.put("sender", f.sender());
      }
      if (f.receiver() != null) {
        conditions.add("((direction = 'OUTBOUND' and (partner_id = :receiver or receiver_identity = :receiver))"
            + " or (direction = 'INBOUND' and receiver_identity = :receiver))");
        params.put("receiver", f.receiver());
      }
      equal(conditions, params, "partner_id", "partner", f.partner());
      equal(conditions, params, "message_type", "messageType", f.messageType());
      equal(conditions, params, "state", "state", f.state());
      equal(conditions, params, "direction", "direction", f.direction());
      equal(conditions, params, "document_reference", "documentReference", f.documentReference());
      equal(conditions, params, "conversation_id", "conversationId", f.conversationId());
      equal(conditions, params, "message_id", "messageId", f.messageId());
      if (f.receivedFrom() != null) {
        conditions.add("received_at >= :receivedFrom");
        params.put("receivedFrom", utc(f.receivedFrom()));
      }
      if (f.receivedTo() != null) {
        conditions.add("received_at < :receivedTo");
        params.put("receivedTo", utc(f.receivedTo()));
      }
      return new Where(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), params);
    }

    private static void equal(List<String> conditions, Map<String, Object> params, String column, String name,
        String value) {
      if (value != null) {
        conditions.add(column + " = :" + name);
        params.put(name, value);
      }
    }

    private static OffsetDateTime utc(Instant instant) {
      return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
  }
}
