package vn.customs.swg.store.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.w3c.dom.Document;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.signature.GatewaySignatureVerifier;
import vn.customs.swg.signature.MessageSigner;
import vn.customs.swg.signature.SignatureProfile;
import vn.customs.swg.store.InboundRecord;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.OutboundRecord;
import vn.customs.swg.store.RejectedRecord;
import vn.customs.swg.store.RevocationEvidence;
import vn.customs.swg.store.StoredMessage;
import vn.customs.swg.store.delivery.DeliveryStore;
import vn.customs.swg.store.delivery.RetryPolicy;
import vn.customs.swg.store.search.SignatureVerdict.Verdict;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.MigratedDatabase;
import vn.customs.swg.testsupport.MutableClock;
import vn.customs.swg.testsupport.TestMessages;

/**
 * The operators' search over a migrated database: filters, paging, the detail with its signature
 * verdicts, downloads, the CSV export and daily statistics.
 */
class MessageSearchTest {

  private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
  /** 23:30 in Hanoi on 21 November: 16:30 UTC, the same UTC day as the next message. */
  private static final OffsetDateTime LATE_EVENING = OffsetDateTime.of(2026, 11, 21, 23, 30, 0, 0, ZoneOffset.ofHours(7));
  private static final OffsetDateTime NEXT_MORNING = OffsetDateTime.of(2026, 11, 22, 0, 30, 0, 0, ZoneOffset.ofHours(7));

  private final DataSource dataSource = MigratedDatabase.inMemory();
  private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T03:00:00Z"), HANOI);
  private final MessageStore store =
      new MessageStore(jdbc, new DataSourceTransactionManager(dataSource), clock, "node-a");
  private final DeliveryStore deliveries =
      new DeliveryStore(jdbc, new DataSourceTransactionManager(dataSource), clock, "node-a");
  private final DevPartner gateway = DevPartner.gateway();
  private final MessageSearch search = new MessageSearch(jdbc, store, deliveries, HardenedXmlParser.withDefaults(),
      new GatewaySignatureVerifier(new SignatureProfile()), gateway.certificate(), HANOI);

  @Test
  void pagesNewestFirstWithTheTotal() {
    for (int i = 0; i < 5; i++) {
      accepted("vcb", "01203001", LATE_EVENING.plusMinutes(i), "DOC-" + i, "CONV-1");
    }
    MessagePage first = search.search(MessageFilter.ANY, 0, 2);
    MessagePage last = search.search(MessageFilter.ANY, 2, 2);

    assertThat(first.total()).isEqualTo(5);
    assertThat(first.totalPages()).isEqualTo(3);
    assertThat(first.items()).extracting(MessageSummary::documentReference).containsExactly("DOC-4", "DOC-3");
    assertThat(first.hasNext()).isTrue();
    assertThat(last.items()).extracting(MessageSummary::documentReference).containsExactly("DOC-0");
    assertThat(last.hasNext()).isFalse();
    assertThat(search.search(MessageFilter.ANY, 7, 2).items()).isEmpty();
  }

  @Test
  void senderAndReceiverFollowTheDirection() {
    long fromVcb = accepted("vcb", "01203001", LATE_EVENING, "DOC-IN", "CONV-1");
    long toVcb = outbound("vcb", "DOC-OUT", NEXT_MORNING, null);
    long fromBidv = accepted("bidv", "01202001", NEXT_MORNING, "DOC-BIDV", "CONV-2");

    assertThat(ids(MessageFilter.builder().sender("vcb").build())).containsExactly(fromVcb);
    assertThat(ids(MessageFilter.builder().sender("01203001").build())).containsExactly(fromVcb);
    assertThat(ids(MessageFilter.builder().receiver("vcb").build())).containsExactly(toVcb);
    assertThat(ids(MessageFilter.builder().sender("TCHQ").build())).containsExactly(toVcb);
    assertThat(ids(MessageFilter.builder().receiver("TCHQ").build())).containsExactly(fromBidv, fromVcb);
    assertThat(ids(MessageFilter.builder().partner("vcb").build())).containsExactly(toVcb, fromVcb);

    MessageSummary out = search.search(MessageFilter.builder().receiver("vcb").build(), 0, 10).items().get(0);
    assertThat(out.sender()).isEqualTo("TCHQ");
    assertThat(out.receiver()).isEqualTo("vcb");
    MessageSummary in = search.search(MessageFilter.builder().sender("vcb").build(), 0, 10).items().get(0);
    assertThat(in.sender()).isEqualTo("vcb");
    assertThat(in.receiver()).isEqualTo("TCHQ");
  }

  @Test
  void everyFilterNarrowsTheResult() {
    long a = accepted("vcb", "01203001", LATE_EVENING, "DOC-A", "CONV-A");
    long b = accepted("bidv", "01202001", NEXT_MORNING, "DOC-B", "CONV-B");
    long rejected = rejected("vcb", NEXT_MORNING.plusMinutes(5), "SWG-SEC-002");
    long out = outbound("vcb", "DOC-OUT", NEXT_MORNING.plusMinutes(10), null);
    String messageIdOfB = store.find(b).orElseThrow().messageId();

    assertThat(ids(MessageFilter.builder().messageType("TAX_PAYMENT_NOTICE").build())).containsExactly(rejected, b, a);
    assertThat(ids(MessageFilter.builder().state("REJECTED").build())).containsExactly(rejected);
    assertThat(ids(MessageFilter.builder().direction("OUTBOUND").build())).containsExactly(out);
    assertThat(ids(MessageFilter.builder().documentReference("DOC-A").build())).containsExactly(a);
    assertThat(ids(MessageFilter.builder().conversationId("CONV-B").build())).containsExactly(b);
    assertThat(ids(MessageFilter.builder().messageId(messageIdOfB).build())).containsExactly(b);
    assertThat(ids(MessageFilter.builder().receivedFrom(NEXT_MORNING.toInstant())
        .receivedTo(NEXT_MORNING.plusMinutes(10).toInstant()).build())).containsExactly(rejected, b);
    assertThat(ids(MessageFilter.builder().partner("vcb").state("ACCEPTED").build())).containsExactly(a);
  }

  @Test
  void filterValuesAreDataNotSql() {
    accepted("vcb", "01203001", LATE_EVENING, "DOC-A", "CONV-A");

    assertThat(search.search(MessageFilter.builder().sender("vcb' or '1'='1").build(), 0, 10).total()).isZero();
    assertThat(search.search(MessageFilter.builder().documentReference("%").build(), 0, 10).total()).isZero();
  }

  @Test
  void pageSizeIsCappedAndNonsenseIsRefused() {
    assertThat(search.search(MessageFilter.ANY, 0, 10_000).size()).isEqualTo(MessageSearch.MAX_PAGE_SIZE);
    assertThatThrownBy(() -> search.search(MessageFilter.ANY, -1, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> search.search(MessageFilter.ANY, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MessageFilter.builder().direction("SIDEWAYS").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRejectedMessageShowsItsCodesInBothLanguagesAndWhyTheSignatureFailed() {
    long id = rejected("vcb", LATE_EVENING, "SWG-SEC-002");

    MessageDetail detail = search.detail(id).orElseThrow();

    assertThat(detail.errors()).singleElement().satisfies(error -> {
      assertThat(error.code()).isEqualTo("SWG-SEC-002");
      assertThat(error.english()).isEqualTo("Signature value or digest does not verify");
      assertThat(error.vietnamese()).isEqualTo("Chữ ký số không hợp lệ");
    });
    assertThat(detail.timeline()).extracting(e -> e.state()).containsExactly("RECEIVED", "REJECTED");
    assertThat(detail.signatures()).extracting(SignatureVerdict::signature, SignatureVerdict::verdict)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("SENDER", Verdict.REJECTED),
            org.assertj.core.groups.Tuple.tuple("GATEWAY", Verdict.ABSENT));
    assertThat(detail.signatures().get(0).errors()).extracting(ErrorText::code).containsExactly("SWG-SEC-002");
    assertThat(detail.originalAvailable()).isTrue();
    assertThat(detail.deliveredAvailable()).isFalse();
  }

  @Test
  void theStepOfARefusalTellsWhetherTheSignatureWasChecked() {
    long admission = rejected("vcb", LATE_EVENING, "SWG-ENV-002");
    long authorisation = rejected("vcb", LATE_EVENING, "SWG-RTE-003");

    assertThat(senderVerdict(admission).verdict()).isEqualTo(Verdict.NOT_CHECKED);
    assertThat(senderVerdict(authorisation).verdict()).isEqualTo(Verdict.VERIFIED);
  }

  @Test
  void anAcceptedMessageShowsTheVerifiedCertificateItsSubjectAndTheRevocationEvidence() {
    DevPartner vcb = DevPartner.load("vcb");
    String fingerprint = vn.customs.swg.trust.PemCertificates.sha256Fingerprint(vcb.certificate());
    byte[] bytes = TestMessages.signed("TAX_PAYMENT_NOTICE", vcb);
    StoredMessage stored = store.recordAccepted(new InboundRecord("vcb", "01203001" + UUID.randomUUID().toString()
            .replace("-", ""), "TAX_PAYMENT_NOTICE", "NOTIFY", "01203001", "TCHQ", null, null, "DOC-1", "HTTP",
            "customs.payments.in", "ab".repeat(32), fingerprint, LATE_EVENING, bytes),
        new RevocationEvidence(fingerprint, "GOOD", "CRL", LATE_EVENING.minusHours(1), LATE_EVENING.plusDays(1), "7",
            false, "CRL from file", null));

    MessageDetail detail = search.detail(stored.id()).orElseThrow();

    SignatureVerdict sender = detail.signatures().get(0);
    assertThat(sender.verdict()).isEqualTo(Verdict.VERIFIED);
    assertThat(sender.basis()).isEqualTo(SignatureVerdict.AT_RECEIPT);
    assertThat(sender.certificateFingerprint()).isEqualTo(fingerprint);
    assertThat(sender.certificateSubject()).isEqualTo(vcb.certificate().getSubjectX500Principal().getName());
    assertThat(sender.detail()).contains("revocation status GOOD by CRL");
    assertThat(detail.revocation().crlNumber()).isEqualTo("7");
    assertThat(detail.signatures().get(1).verdict()).as("no forwarded bytes stored").isEqualTo(Verdict.UNKNOWN);
    assertThat(search.originalBytes(stored.id())).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
  }

  @Test
  void theGatewaySignatureOnDeliveredBytesIsVerifiedAgainAndTamperingShows() {
    byte[] signed = gatewaySigned();
    long good = outbound("vcb", "DOC-OUT", LATE_EVENING, signed);
    byte[] tampered = new String(signed, StandardCharsets.UTF_8).replace("FT26", "FT99").getBytes(StandardCharsets.UTF_8);
    long bad = outbound("vcb", "DOC-BAD", LATE_EVENING, tampered);
    long delivery = deliveries.create(good, "vcb", DeliveryStore.HTTP, null);
    deliveries.recordFailedAttempt(delivery, 503, "busy", false,
        new RetryPolicy(3, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1),
            java.time.Duration.ofHours(1), 1.0));

    MessageDetail detail = search.detail(good).orElseThrow();
    SignatureVerdict verdict = detail.signatures().get(0);
    assertThat(detail.signatures()).hasSize(1);
    assertThat(verdict.signature()).isEqualTo(SignatureVerdict.GATEWAY);
    assertThat(verdict.verdict()).isEqualTo(Verdict.VERIFIED);
    assertThat(verdict.basis()).isEqualTo(SignatureVerdict.NOW);
    assertThat(verdict.certificateFingerprint())
        .isEqualTo(vn.customs.swg.trust.PemCertificates.sha256Fingerprint(gateway.certificate()));
    assertThat(verdict.detail()).contains("gateway key in force");
    assertThat(detail.delivery().state()).isEqualTo("DELIVERING");
    assertThat(detail.attempts()).singleElement().satisfies(a -> assertThat(a.httpStatus()).isEqualTo(503));
    assertThat(detail.timeline()).extracting(e -> e.state()).containsExactly("RECEIVED", "SIGNED", "DELIVERING");
    assertThat(search.deliveredBytes(good)).hasValueSatisfying(b -> assertThat(b).isEqualTo(signed));

    SignatureVerdict broken = search.detail(bad).orElseThrow().signatures().get(0);
    assertThat(broken.verdict()).isEqualTo(Verdict.REJECTED);
    assertThat(broken.errors()).extracting(ErrorText::code).containsExactly("SWG-SEC-002");
  }

  @Test
  void unknownMessagesHaveNoDetailAndNoBytes() {
    assertThat(search.detail(4711)).isEmpty();
    assertThat(search.originalBytes(4711)).isEmpty();
    assertThat(search.deliveredBytes(4711)).isEmpty();
  }

  @Test
  void theCsvExportNeutralisesFormulasAndSaysWhenItStopped() {
    accepted("vcb", "01203001", LATE_EVENING, "=HYPERLINK(\"http://evil\")", "+CONV");
    accepted("vcb", "01203001", LATE_EVENING.plusMinutes(1), "@SUM(A1)", "-1");
    accepted("vcb", "01203001", LATE_EVENING.plusMinutes(2), "plain \"quoted\"", "CONV");

    StringWriter all = new StringWriter();
    CsvExport complete = search.exportCsv(MessageFilter.ANY, all, 10, 2);
    String[] lines = all.toString().split("\r\n");
    assertThat(complete).isEqualTo(new CsvExport(3, false, 10));
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).startsWith("\"id\",\"direction\",\"partner\"");
    assertThat(lines[1]).contains("\"plain \"\"quoted\"\"\"");
    assertThat(lines[2]).contains("\"'@SUM(A1)\"", "\"'-1\"");
    assertThat(lines[3]).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", "\"'+CONV\"");
    assertThat(lines[3]).contains("\"2026-11-21T23:30:00+07:00\"");

    StringWriter cut = new StringWriter();
    CsvExport truncated = search.exportCsv(MessageFilter.ANY, cut, 2, 1);
    assertThat(truncated).isEqualTo(new CsvExport(2, true, 2));
    String[] cutLines = cut.toString().split("\r\n");
    assertThat(cutLines).hasSize(4);
    assertThat(cutLines[3]).contains("export stopped after 2 rows");
  }

  @Test
  void dailyStatisticsCountByHanoiDaysAndRankRejectionReasons() {
    accepted("vcb", "01203001", LATE_EVENING, "D1", "C1");
    accepted("vcb", "01203001", NEXT_MORNING, "D2", "C2");
    accepted("vcb", "01203001", NEXT_MORNING.plusMinutes(1), "D3", "C3");
    rejected("vcb", NEXT_MORNING, "SWG-SEC-002");
    rejected("bidv", NEXT_MORNING, "SWG-SEC-002");
    rejected(null, NEXT_MORNING, "SWG-ENV-001");

    DailyStatistics statistics = search.dailyStatistics(LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 22));

    assertThat(statistics.counts()).contains(
        new DailyStatistics.DailyCount(LocalDate.of(2026, 11, 21), "vcb", "TAX_PAYMENT_NOTICE", "INBOUND", "ACCEPTED", 1),
        new DailyStatistics.DailyCount(LocalDate.of(2026, 11, 22), "vcb", "TAX_PAYMENT_NOTICE", "INBOUND", "ACCEPTED", 2),
        new DailyStatistics.DailyCount(LocalDate.of(2026, 11, 22), "vcb", "TAX_PAYMENT_NOTICE", "INBOUND", "REJECTED", 1),
        new DailyStatistics.DailyCount(LocalDate.of(2026, 11, 22), "unknown", "TAX_PAYMENT_NOTICE", "INBOUND", "REJECTED", 1));
    assertThat(statistics.counts()).hasSize(5);
    assertThat(statistics.topRejections()).extracting(r -> r.error().code(), DailyStatistics.RejectionReason::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("SWG-SEC-002", 2L),
            org.assertj.core.groups.Tuple.tuple("SWG-ENV-001", 1L));
    assertThat(statistics.topRejections().get(0).error().vietnamese()).isEqualTo("Chữ ký số không hợp lệ");
    assertThatThrownBy(() -> search.dailyStatistics(LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private List<Long> ids(MessageFilter filter) {
    return search.search(filter, 0, 50).items().stream().map(MessageSummary::id).toList();
  }

  private SignatureVerdict senderVerdict(long id) {
    return search.detail(id).orElseThrow().signatures().get(0);
  }

  private long accepted(String partner, String identity, OffsetDateTime at, String documentReference,
      String conversationId) {
    byte[] bytes = ("<m>" + UUID.randomUUID() + "</m>").getBytes(StandardCharsets.UTF_8);
    return store.recordAccepted(new InboundRecord(partner, identity + UUID.randomUUID().toString().replace("-", ""),
        "TAX_PAYMENT_NOTICE", "NOTIFY", identity, "TCHQ", conversationId, null, documentReference, "HTTP",
        "customs.payments.in", "ab".repeat(32), "cd".repeat(32), at, bytes)).id();
  }

  private long rejected(String partner, OffsetDateTime at, String code) {
    return store.recordRejected(new RejectedRecord(partner, "X" + UUID.randomUUID().toString().replace("-", ""),
        "TAX_PAYMENT_NOTICE", "01203001", "HTTP", null, List.of(code), null, at,
        "<m/>".getBytes(StandardCharsets.UTF_8)));
  }

  private long outbound(String partner, String documentReference, OffsetDateTime at, byte[] signed) {
    byte[] original = "<reply/>".getBytes(StandardCharsets.UTF_8);
    return store.recordOutboundSigned(new OutboundRecord(partner, "TCHQ" + UUID.randomUUID().toString().replace("-", ""),
        "TAX_PAYMENT_CONFIRMATION", "NOTIFY", "01203001", null, null, documentReference, "HTTP",
        "http://127.0.0.1:9/none", "ef".repeat(32), at, original, signed == null ? original : signed), "TCHQ").id();
  }

  private byte[] gatewaySigned() {
    Document document = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    new MessageSigner(gateway.key(), gateway.chain()).signAsGateway(document);
    return XmlOutput.toBytes(document);
  }
}
