package vn.customs.swg.receipt;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.w3c.dom.Document;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.signature.MessageSigner;

/**
 * Builds and signs receipts (ENVELOPE.md section 5): an envelope from the gateway to the sender
 * whose Body is a {@code Receipt}, every error with its code, retryability and both texts, signed
 * with the system signature. Rejections never carry secrets or stack traces: only the contract's
 * texts and an optional location.
 */
public final class ReceiptFactory {

  private final MessageSigner signer;
  private final Clock clock;
  private final String customsIdentity;

  public ReceiptFactory(MessageSigner signer, Clock clock, String customsIdentity) {
    this.signer = signer;
    this.clock = clock;
    this.customsIdentity = customsIdentity;
  }

  /** One error line of a receipt. */
  public record ReceiptError(ErrorCode code, String location) {}

  /**
   * What a receipt answers.
   *
   * @param refToMessageId the submitted messageId, when it could be read
   * @param toPartyType the sender's partyType, when known
   * @param toIdentity the sender's identity, when known
   */
  public record Request(ReceiptStatus status, OffsetDateTime receivedAt, String refToMessageId,
      String toPartyType, String toIdentity, List<ReceiptError> errors) {}

  public byte[] build(Request request) {
    // Stored times come back in UTC; receipts speak GMT+7 like every envelope time.
    OffsetDateTime receivedAt = request.receivedAt().atZoneSameInstant(clock.getZone()).toOffsetDateTime();
    Document document = new ReceiptEnvelope("GATEWAY", customsIdentity, request.toPartyType(), request.toIdentity(),
        customsIdentity + UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT),
        OffsetDateTime.now(clock), request.refToMessageId(), request.status(), receivedAt, request.errors())
        .toDocument();
    signer.signAsGateway(document);
    return XmlOutput.toBytes(document);
  }
}
