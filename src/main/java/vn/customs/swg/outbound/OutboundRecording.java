package vn.customs.swg.outbound;

import java.time.ZoneOffset;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.OutboundRecord;
import vn.customs.swg.store.StoredMessage;
import vn.customs.swg.store.delivery.Delivery;
import vn.customs.swg.store.delivery.DeliveryStore;

/**
 * Outbound steps 4 and 5, record and schedule: the message as received and as signed is stored
 * (state SIGNED), and a delivery is created on the partner's channel (state DELIVERING), in one
 * transaction: a node dying between the two would leave a recorded message that no delivery ever
 * picks up, since the broker's redelivery of it is recognised as already recorded. The delivery
 * row is the retry state: it survives restarts and is shared by every gateway node.
 */
@Component("outboundRecording")
public class OutboundRecording {

  private final MessageStore store;
  private final DeliveryStore deliveries;
  private final TransactionTemplate tx;

  public OutboundRecording(MessageStore store, DeliveryStore deliveries, PlatformTransactionManager transactions) {
    this.store = store;
    this.deliveries = deliveries;
    this.tx = new TransactionTemplate(transactions);
  }

  public OutboundMessage record(OutboundMessage message) {
    tx.executeWithoutResult(status -> recordAndSchedule(message));
    return message;
  }

  /**
   * For a back-end message the broker delivered again after it was recorded (its node died, or the
   * consuming transaction rolled back, after the record committed): a queue partner's delivery not
   * yet DELIVERED is resumed from the stored signed envelope, since the partner-queue send went
   * back with the rolled-back transaction; anything else is left to the delivery already scheduled.
   * A missing delivery (recorded before record and schedule shared a transaction) is created.
   */
  public OutboundMessage resume(OutboundMessage message) {
    String partnerId = message.receiver().id();
    StoredMessage stored = store.findOutbound(partnerId, message.header().messageId()).orElseThrow();
    long deliveryId = deliveries.create(stored.id(), partnerId, message.receiver().channel().name(),
        stored.receivedAt().toInstant());
    Delivery delivery = deliveries.find(deliveryId).orElseThrow();
    if (message.deliveredByQueue() && DeliveryStore.DELIVERING.equals(delivery.state())) {
      message.recordId(stored.id());
      message.deliveryId(deliveryId);
      message.signedEnvelope(store.signedBytes(stored.id()).orElseThrow());
    }
    return message;
  }

  private void recordAndSchedule(OutboundMessage message) {
    EnvelopeHeader header = message.header();
    String channel = message.receiver().channel().name();
    long id = store.recordOutboundSigned(new OutboundRecord(message.receiver().id(), header.messageId(),
        header.messageType(), header.function(), header.toIdentity(), header.conversationId(), header.refToMessageId(),
        header.documentReference(), channel, message.destination(), message.contentDigest(), message.receivedAt(),
        message.bytes(), message.signedEnvelope()), header.fromIdentity()).id();
    message.recordId(id);
    message.deliveryId(deliveries.create(id, message.receiver().id(), channel,
        message.receivedAt().withOffsetSameInstant(ZoneOffset.UTC).toInstant()));
  }
}
