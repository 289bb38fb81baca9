package vn.customs.swg.cli;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.w3c.dom.Document;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.partner.PartyKind;
import vn.customs.swg.receipt.ReceiptEnvelope;
import vn.customs.swg.receipt.ReceiptFactory;
import vn.customs.swg.receipt.ReceiptStatus;
import vn.customs.swg.signature.SenderSigner;

/**
 * The receipt a partner answers the gateway's push with: the same envelope and {@code Receipt}
 * body as the gateway's own receipts (ENVELOPE.md section 5, valid against envelope-1.xsd), but
 * From the partner, To Customs ({@code CUSTOMS}/{@code TCHQ}) and signed with the partner's key in
 * the sender profile (section 2), so the gateway checks it exactly like a partner's submission.
 * The receipt's own messageId is the partner's identity followed by 32 hex digits; times are
 * GMT+7.
 */
final class PartnerReceiptFactory {

  static final String CUSTOMS_IDENTITY = "TCHQ";

  private final PartyKind partyType;
  private final String identity;
  private final KeyMaterial key;
  private final Clock clock;

  PartnerReceiptFactory(PartyKind partyType, String identity, KeyMaterial key, Clock clock) {
    this.partyType = partyType;
    this.identity = identity;
    this.key = key;
    this.clock = clock;
  }

  /**
   * @param status ACCEPTED, DUPLICATE or REJECTED
   * @param refToMessageId the received messageId, or null when it could not be read
   * @param errors the codes of a rejection, empty otherwise
   */
  byte[] build(String status, OffsetDateTime receivedAt, String refToMessageId, List<ErrorCode> errors) {
    Document document = new ReceiptEnvelope(partyType.name(), identity, PartyKind.CUSTOMS.name(), CUSTOMS_IDENTITY,
        identity + UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT),
        OffsetDateTime.now(clock).withOffsetSameInstant(FreshReference.VIETNAM), refToMessageId,
        ReceiptStatus.valueOf(status), receivedAt.withOffsetSameInstant(FreshReference.VIETNAM),
        errors.stream().map(code -> new ReceiptFactory.ReceiptError(code, null)).toList()).toDocument();
    new SenderSigner().sign(document, key.privateKey(), key.keyInfoChain());
    return XmlOutput.toBytes(document);
  }
}
