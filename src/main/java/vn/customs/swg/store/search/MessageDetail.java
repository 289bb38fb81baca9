package vn.customs.swg.store.search;

import java.util.List;
import vn.customs.swg.store.MessageEvent;
import vn.customs.swg.store.StoredMessage;
import vn.customs.swg.store.delivery.Delivery;
import vn.customs.swg.store.delivery.DeliveryAttempt;

/**
 * Everything recorded about one message, for an operator deciding what happened to it.
 *
 * @param message the stored metadata (times in UTC)
 * @param sender the sending party as in {@link MessageSummary}
 * @param receiver the receiving party as in {@link MessageSummary}
 * @param timeline every state event, oldest first: state, time, gateway node, detail
 * @param delivery the outbound delivery, null for inbound messages and refused outbound ones
 * @param attempts every delivery attempt, oldest first, across replays (empty without delivery)
 * @param revocation the revocation answer an inbound message was accepted on, or null
 * @param errors the message's error codes with their texts
 * @param signatures the verdict on each signature: the sender's (inbound) and the gateway's
 * @param originalAvailable whether the bytes as received are still stored
 * @param deliveredAvailable whether the bytes as the gateway signed them (delivered outbound,
 *     forwarded inbound) are stored
 */
public record MessageDetail(
    StoredMessage message,
    String sender,
    String receiver,
    List<MessageEvent> timeline,
    Delivery delivery,
    List<DeliveryAttempt> attempts,
    Revocation revocation,
    List<ErrorText> errors,
    List<SignatureVerdict> signatures,
    boolean originalAvailable,
    boolean deliveredAvailable) {

  public MessageDetail {
    timeline = List.copyOf(timeline);
    attempts = List.copyOf(attempts);
    errors = List.copyOf(errors);
    signatures = List.copyOf(signatures);
  }

  /**
   * The revocation evidence of an inbound message, without the raw OCSP response.
   *
   * @param certificate SHA-256 fingerprint of the certificate whose status was asked
   * @param status GOOD, or UNAVAILABLE when accepted under a soft-fail policy
   * @param source OCSP or CRL; null when UNAVAILABLE
   * @param ocspResponseKept whether the signed OCSP response itself is stored as evidence
   */
  public record Revocation(String certificate, String status, String source, java.time.OffsetDateTime thisUpdate,
      java.time.OffsetDateTime nextUpdate, String crlNumber, boolean softFail, String detail,
      boolean ocspResponseKept) {}
}
