package vn.customs.swg.inbound;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.store.DuplicateMessageException;
import vn.customs.swg.store.InboundRecord;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.RevocationEvidence;
import vn.customs.swg.trust.TrustDecision;
import vn.customs.swg.trust.revocation.RevocationAnswer;

/**
 * Step 6, record, and the state changes after dispatch. Recording stores the bytes and metadata
 * and takes the (sender, messageId) key in one transaction; a concurrent twin that got there
 * first is answered exactly as deduplication would have answered it.
 */
@Component("recording")
public class Recording {

  private final MessageStore store;
  private final Deduplication deduplication;

  public Recording(MessageStore store, Deduplication deduplication) {
    this.store = store;
    this.deduplication = deduplication;
  }

  public InboundMessage recordAccepted(InboundMessage message) {
    EnvelopeHeader header = message.header();
    InboundRecord record = new InboundRecord(
        message.sender().id(), header.messageId(), header.messageType(), header.function(),
        header.fromIdentity(), header.toIdentity(), header.conversationId(), header.refToMessageId(),
        header.documentReference(), message.channel().name(), message.messageType().queue(),
        message.contentDigest(), message.trust().fingerprint(), message.receivedAt(), message.bytes());
    try {
      message.recordId(store.recordAccepted(record, evidenceOf(message.trust())).id());
    } catch (DuplicateMessageException e) {
      // returns only if the holder was a stale, never-forwarded acceptance, now released
      deduplication.refuseResubmission(message, e.existing());
      message.recordId(store.recordAccepted(record, evidenceOf(message.trust())).id());
    }
    return message;
  }

  /**
   * Keeps the counter-signed envelope before the send: from now on the message can be put on its
   * queue from the store by any node (see {@link DispatchSweeper}) if this one dies.
   */
  public InboundMessage keepForwarded(InboundMessage message) {
    store.keepForwarded(message.recordId(), message.forwardedEnvelope());
    return message;
  }

  // What the signing certificate was accepted on: the OCSP response itself, or the CRL's number and
  // times; under soft-fail, the reason no answer could be had.
  private static RevocationEvidence evidenceOf(TrustDecision trust) {
    RevocationAnswer answer = trust.signerRevocation();
    return new RevocationEvidence(trust.fingerprint(), answer.status().name(),
        answer.source() == null ? null : answer.source().name(), utc(answer.thisUpdate()), utc(answer.nextUpdate()),
        answer.crlNumber() == null ? null : answer.crlNumber().toString(),
        trust.revocation() == TrustDecision.Revocation.SOFT_FAIL, answer.detail(), answer.evidence());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  public InboundMessage markDispatched(InboundMessage message) {
    // Set before the store is touched: if this update fails, the message is already on its queue,
    // and the error handler must not release the idempotency key (a resend would go out twice).
    message.onBackendQueue(true);
    store.markDispatched(message.recordId());
    return message;
  }

  /**
   * Undoes the acceptance of a message that could not be put on its queue, so the sender's resend
   * of the same messageId is processed afresh instead of being called a duplicate.
   */
  public void releaseAfterFailedDispatch(InboundMessage message, String detail) {
    if (message.recordId() != null) {
      store.releaseAfterFailedDispatch(message.recordId(), ErrorCode.RTE_004.code(), detail);
    }
  }
}
