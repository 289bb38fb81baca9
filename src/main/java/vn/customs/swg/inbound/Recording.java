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

  public Recording(MessageStore store) {
    this.store = store;
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
      Deduplication.refuseResubmission(message, e.existing());
    }
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
    store.markDispatched(message.recordId(), message.forwardedEnvelope());
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
