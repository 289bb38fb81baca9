package vn.customs.swg.outbound;

import org.springframework.stereotype.Component;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.store.MessageStore;

/**
 * Outbound step 2, correlate: a reply (refToMessageId set) must answer a message this same partner
 * sent, so a back-end bug cannot send one partner's business to another; a back-end message the
 * broker delivers again after it was recorded is recognised and not processed twice.
 */
@Component("correlation")
public class Correlation {

  private final MessageStore store;

  public Correlation(MessageStore store) {
    this.store = store;
  }

  public OutboundMessage correlate(OutboundMessage message) {
    String partnerId = message.receiver().id();
    String refTo = message.header().refToMessageId();
    if (refTo != null && store.findInbound(partnerId, refTo).isEmpty()) {
      throw new MessageRejectedException(ErrorCode.RTE_001, "refToMessageId " + refTo
          + " is not a message partner " + partnerId + " sent");
    }
    message.alreadyRecorded(store.findOutbound(partnerId, message.header().messageId()).isPresent());
    return message;
  }
}
