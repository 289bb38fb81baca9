package vn.customs.swg.store.search;

import java.time.Instant;
import java.util.List;

/**
 * One line of a search result: what an operator scans a list by. Sender and receiver follow the
 * direction (see {@link MessageFilter}): for an inbound message the partner and Customs' identity,
 * for an outbound one Customs' identity and the partner.
 *
 * @param id the stored message's id (detail, downloads)
 * @param partnerId partner of either direction; null when the sender could not be identified
 * @param sender the sending party: partner id (inbound) or sending identity (outbound)
 * @param receiver the receiving party: receiver identity (inbound) or partner id (outbound)
 */
public record MessageSummary(
    long id,
    String direction,
    String partnerId,
    String messageId,
    String messageType,
    String sender,
    String receiver,
    String state,
    String channel,
    String documentReference,
    String conversationId,
    List<String> errorCodes,
    Instant receivedAt,
    Instant updatedAt) {

  public MessageSummary {
    errorCodes = List.copyOf(errorCodes);
  }
}
