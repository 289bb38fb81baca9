package vn.customs.swg.outbound;

import java.time.ZoneOffset;
import org.springframework.stereotype.Component;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.OutboundRecord;
import vn.customs.swg.store.delivery.DeliveryStore;

/**
 * Outbound steps 4 and 5, record and schedule: the message as received and as signed is stored
 * (state SIGNED), and a delivery is created on the partner's channel (state DELIVERING). The
 * delivery row is the retry state: it survives restarts and is shared by every gateway node.
 */
@Component("outboundRecording")
public class OutboundRecording {

  private final MessageStore store;
  private final DeliveryStore deliveries;

  public OutboundRecording(MessageStore store, DeliveryStore deliveries) {
    this.store = store;
    this.deliveries = deliveries;
  }

  public OutboundMessage record(OutboundMessage message) {
    EnvelopeHeader header = message.header();
    String channel = message.receiver().channel().name();
    long id = store.recordOutboundSigned(new OutboundRecord(message.receiver().id(), header.messageId(),
        header.messageType(), header.function(), header.toIdentity(), header.conversationId(), header.refToMessageId(),
        header.documentReference(), channel, message.destination(), message.contentDigest(), message.receivedAt(),
        message.bytes(), message.signedEnvelope()), header.fromIdentity()).id();
    message.recordId(id);
    message.deliveryId(deliveries.create(id, message.receiver().id(), channel,
        message.receivedAt().withOffsetSameInstant(ZoneOffset.UTC).toInstant()));
    return message;
  }
}
