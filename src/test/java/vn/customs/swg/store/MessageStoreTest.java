package vn.customs.swg.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static vn.customs.swg.store.StoreFixture.accepted;
import static vn.customs.swg.store.StoreFixture.rejected;
import static vn.customs.swg.store.StoreFixture.rejectedAt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageStoreTest {

  private static final String XML = "<swg:Envelope>tax payment</swg:Envelope>";
  private static final String OTHER_XML = "<swg:Envelope>another payment</swg:Envelope>";
  /** As counter-signed and put on the back-end queue (non-ASCII: bytes, not characters, are kept). */
  private static final String FORWARDED =
      "<swg:Envelope>tax payment<swg:Routing>Thuế nhập khẩu</swg:Routing></swg:Envelope>";

  private final StoreFixture db = StoreFixture.inMemory();
  private final MessageStore store = db.store("swg-node-1");

  @Test
  void acceptanceStoresMessageEventsAndDedupKey() {
    InboundRecord record = accepted("vcb", "VCB0001", XML);

    StoredMessage stored = store.recordAccepted(record);

    assertThat(stored.state()).isEqualTo("ACCEPTED");
    assertThat(stored.direction()).isEqualTo("INBOUND");
    assertThat(stored).extracting(StoredMessage::partnerId, StoredMessage::messageId,
            StoredMessage::messageType, StoredMessage::functionCode, StoredMessage::senderIdentity,
            StoredMessage::receiverIdentity, StoredMessage::conversationId,
            StoredMessage::documentReference, StoredMessage::channel, StoredMessage::destination,
            StoredMessage::contentDigest, StoredMessage::senderCertificate)
        .containsExactly("vcb", "VCB0001", "TAX_PAYMENT_NOTICE", "NOTIFY", "01203001", "TCHQ",
            "TAX-107123456789", "FT26326000123456", "HTTP", "customs.payments.in",
            record.contentDigest(), "ab".repeat(32));
    assertThat(stored.errorCodes()).isEmpty();
    assertThat(store.originalBytes(stored.id())).hasValue(XML.getBytes(StandardCharsets.UTF_8));
    assertThat(store.events(stored.id()))
        .extracting(MessageEvent::state, MessageEvent::node)
        .containsExactly(tuple("RECEIVED", "swg-node-1"), tuple("ACCEPTED", "swg-node-1"));
    assertThat(store.findDedupEntry("vcb", "VCB0001")).hasValue(new DedupEntry(stored.id(),
        record.contentDigest(), "ACCEPTED", stored.receivedAt(), "customs.payments.in"));
  }

  @Test
  void timesKeepTheirInstantAndComeBackInUtc() {
    StoredMessage stored = store.recordAccepted(accepted("vcb", "VCB0001", XML));

    // 23:41:07 in Hanoi (+07:00) is 16:41:07 UTC; the clock says 16:41:07.412 UTC.
    assertThat(stored.receivedAt()).isEqualTo(OffsetDateTime.parse("2026-11-22T16:41:07Z"));
    assertThat(stored.updatedAt()).isEqualTo(OffsetDateTime.parse("2026-11-22T16:41:07.412Z"));
    assertThat(store.events(stored.id())).extracting(MessageEvent::occurredAt).containsExactly(
        OffsetDateTime.parse("2026-11-22T16:41:07Z"),
        OffsetDateTime.parse("2026-11-22T16:41:07.412Z"));
  }

  @Test
  void secondAcceptanceOfSameMessageIdThrowsWithTheFirstEntryAndStoresNothing() {
    StoredMessage first = store.recordAccepted(accepted("vcb", "VCB0001", XML));
    int messages = db.count("swg_message");
    int events = db.count("swg_message_event");

    assertThatThrownBy(() -> store.recordAccepted(accepted("vcb", "VCB0001", OTHER_XML)))
        .isInstanceOfSatisfying(DuplicateMessageException.class, e -> assertThat(e.existing())
            .isEqualTo(new DedupEntry(first.id(), first.contentDigest(), "ACCEPTED",
                first.receivedAt(), "customs.payments.in")));

    assertThat(db.count("swg_message")).isEqualTo(messages);
    assertThat(db.count("swg_message_event")).isEqualTo(events);
    assertThat(db.count("swg_dedup_key")).isEqualTo(1);
  }

  @Test
  void sameMessageIdFromAnotherPartnerIsIndependent() {
    StoredMessage fromVcb = store.recordAccepted(accepted("vcb", "PAY-1", XML));
    StoredMessage fromBidv = store.recordAccepted(accepted("bidv", "PAY-1", OTHER_XML));

    assertThat(fromBidv.id()).isNotEqualTo(fromVcb.id());
    assertThat(store.findDedupEntry("vcb", "PAY-1")).get()
        .extracting(DedupEntry::messagePk).isEqualTo(fromVcb.id());
    assertThat(store.findDedupEntry("bidv", "PAY-1")).get()
        .extracting(DedupEntry::messagePk).isEqualTo(fromBidv.id());
  }

  @Test
  void dispatchIsRecordedAsAStateAndAnEvent() {
    StoredMessage stored = store.recordAccepted(accepted("vcb", "VCB0001", XML));
    store.keepForwarded(stored.id(), FORWARDED.getBytes(StandardCharsets.UTF_8));
    db.clock.advance(Duration.ofMillis(30));

    store.markDispatched(stored.id());

    assertThat(store.find(stored.id())).get().satisfies(m -> {
      assertThat(m.state()).isEqualTo("DISPATCHED");
      assertThat(m.updatedAt().toInstant()).isEqualTo(Instant.parse("2026-11-22T16:41:07.442Z"));
    });
    assertThat(store.events(stored.id())).extracting(MessageEvent::state)
        .containsExactly("RECEIVED", "ACCEPTED", "DISPATCHED");
    assertThat(store.findDedupEntry("vcb", "VCB0001")).get()
        .extracting(DedupEntry::state).isEqualTo("DISPATCHED");
  }

  @Test
  void failedDispatchFreesTheKeySoTheResendIsAccepted() {
    StoredMessage first = store.recordAccepted(accepted("vcb", "VCB0001", XML));

    store.releaseAfterFailedDispatch(first.id(), "SWG-RTE-004", "customs.payments.in unavailable");

    assertThat(store.findDedupEntry("vcb", "VCB0001")).isEmpty();
    assertThat(store.find(first.id())).get().satisfies(m -> {
      assertThat(m.state()).isEqualTo("REJECTED");
      assertThat(m.errorCodes()).containsExactly("SWG-RTE-004");
    });
    assertThat(store.events(first.id())).last().satisfies(e -> {
      assertThat(e.state()).isEqualTo("REJECTED");
      assertThat(e.detail()).isEqualTo("SWG-RTE-004 customs.payments.in unavailable");
    });

    db.clock.advance(Duration.ofSeconds(5));
    StoredMessage resend = store.recordAccepted(accepted("vcb", "VCB0001", XML));
    assertThat(store.findDedupEntry("vcb", "VCB0001")).get()
        .extracting(DedupEntry::messagePk).isEqualTo(resend.id());
    assertThat(store.findLatest("vcb", "VCB0001")).get()
        .extracting(StoredMessage::id).isEqualTo(resend.id());
  }

  @Test
  void onlyAnAcceptedMessageCanBeDispatchedOrReleased() {
    long rejectedPk = store.recordRejected(rejected("vcb", "VCB0001", XML, "SWG-SEC-002"));
    StoredMessage dispatched = store.recordAccepted(accepted("vcb", "VCB0002", XML));
    store.keepForwarded(dispatched.id(), FORWARDED.getBytes(StandardCharsets.UTF_8));
    store.markDispatched(dispatched.id());

    assertThatThrownBy(() -> store.keepForwarded(rejectedPk, FORWARDED.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.markDispatched(rejectedPk)).isInstanceOf(IllegalStateException.class);
    // a rejection never gets forwarded bytes, nor a DISPATCHED state
    assertThat(store.signedBytes(rejectedPk)).isEmpty();
    assertThat(store.find(rejectedPk)).get().extracting(StoredMessage::state).isEqualTo("REJECTED");
    assertThatThrownBy(() -> store.releaseAfterFailedDispatch(dispatched.id(), "SWG-RTE-004", null))
        .isInstanceOf(IllegalStateException.class);
    // the failed release rolled back: the dispatched message keeps its key
    assertThat(store.findDedupEntry("vcb", "VCB0002")).isPresent();
  }

  @Test
  void dispatchKeepsTheForwardedBytesBesideTheBytesAsReceived() {
    StoredMessage stored = store.recordAccepted(accepted("vcb", "VCB0001", XML));
    assertThat(store.signedBytes(stored.id())).as("nothing forwarded yet").isEmpty();

    store.keepForwarded(stored.id(), FORWARDED.getBytes(StandardCharsets.UTF_8));
    store.markDispatched(stored.id());

    assertThat(store.signedBytes(stored.id())).hasValue(FORWARDED.getBytes(StandardCharsets.UTF_8));
    assertThat(store.originalBytes(stored.id())).hasValue(XML.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aMessageWhoseForwardedBytesWereNotKeptCannotBecomeDispatched() {
    StoredMessage stored = store.recordAccepted(accepted("vcb", "VCB0001", XML));

    // Only kept bytes are ever sent (Recording, DispatchRecovery): a DISPATCHED message without
    // them would have no evidence of what the back-end received.
    assertThatThrownBy(() -> store.markDispatched(stored.id()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("kept forwarded bytes");

    assertThat(store.find(stored.id())).get().extracting(StoredMessage::state).isEqualTo("ACCEPTED");
    assertThat(store.events(stored.id())).extracting(MessageEvent::state).containsExactly("RECEIVED", "ACCEPTED");
  }

  @Test
  void rejectionsNeverTakeADedupKey() {
    long pk = store.recordRejected(rejected("vcb", "VCB0001", XML, "SWG-SEC-002", "SWG-SEC-005"));

    assertThat(db.count("swg_dedup_key")).isZero();
    assertThat(store.findDedupEntry("vcb", "VCB0001")).isEmpty();
    assertThat(store.find(pk)).get().satisfies(m -> {
      assertThat(m.state()).isEqualTo("REJECTED");
      assertThat(m.errorCodes()).containsExactly("SWG-SEC-002", "SWG-SEC-005");
    });
    assertThat(store.events(pk))
        .extracting(MessageEvent::state, MessageEvent::detail)
        .containsExactly(tuple("RECEIVED", null), tuple("REJECTED", "SWG-SEC-002,SWG-SEC-005"));
    // a corrected resend of the same messageId is still accepted
    assertThat(store.recordAccepted(accepted("vcb", "VCB0001", XML)).state()).isEqualTo("ACCEPTED");
  }

  @Test
  void unreadableSubmissionIsRecordedWithNothingButCodesTimeAndChannel() {
    RejectedRecord unreadable = new RejectedRecord(null, null, null, null, "JMS", null,
        List.of("SWG-ENV-001"), "not XML", OffsetDateTime.now(db.clock), null);

    long pk = store.recordRejected(unreadable);

    assertThat(store.find(pk)).get().satisfies(m -> {
      assertThat(m.partnerId()).isNull();
      assertThat(m.messageId()).isNull();
      assertThat(m.channel()).isEqualTo("JMS");
      assertThat(m.errorCodes()).containsExactly("SWG-ENV-001");
    });
    assertThat(store.originalBytes(pk)).isEmpty();
    assertThat(store.events(pk)).last()
        .extracting(MessageEvent::detail).isEqualTo("SWG-ENV-001 not XML");
  }

  @Test
  void oversizedHeaderFieldsOfARejectionAreClippedRatherThanLost() {
    String hostileId = "X".repeat(10_000);
    RejectedRecord record = new RejectedRecord("vcb", hostileId, hostileId, hostileId, hostileId,
        hostileId, hostileId, hostileId, hostileId, "HTTP", hostileId, hostileId, hostileId,
        OffsetDateTime.now(db.clock), new byte[] {1, 2, 3}, List.of("SWG-ENV-002"), hostileId);

    long pk = store.recordRejected(record);

    assertThat(store.find(pk)).get().extracting(StoredMessage::messageId)
        .isEqualTo("X".repeat(128));
    assertThat(store.events(pk)).last().extracting(MessageEvent::detail).asString().hasSize(2000);
  }

  @Test
  void findLatestPrefersTheAcceptedRecordOverLaterRejections() {
    StoredMessage accepted = store.recordAccepted(accepted("vcb", "VCB0001", XML));
    // the same messageId with different bytes arrives later and is refused as SWG-DUP-001
    store.recordRejected(rejectedAt(accepted.receivedAt().plusMinutes(1), "vcb", "VCB0001",
        OTHER_XML, "SWG-DUP-001"));

    assertThat(store.findLatest("vcb", "VCB0001")).get()
        .extracting(StoredMessage::id).isEqualTo(accepted.id());
  }

  @Test
  void findLatestFallsBackToTheMostRecentRejection() {
    OffsetDateTime t0 = OffsetDateTime.now(db.clock);
    long latest = store.recordRejected(
        rejectedAt(t0.plusSeconds(10), "vcb", "VCB0001", XML, "SWG-SEC-006"));
    store.recordRejected(rejectedAt(t0, "vcb", "VCB0001", XML, "SWG-SEC-002"));

    assertThat(store.findLatest("vcb", "VCB0001")).get().satisfies(m -> {
      assertThat(m.id()).isEqualTo(latest);
      assertThat(m.errorCodes()).containsExactly("SWG-SEC-006");
    });
    assertThat(store.findLatest("bidv", "VCB0001")).isEmpty();
  }
}
