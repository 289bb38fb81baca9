package vn.customs.swg.outbound;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.customs.swg.SwgHeaders;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.monitoring.OutcomeCounters;
import vn.customs.swg.store.delivery.DeliveryStore;

/**
 * Outbound step 6 for partners that connect by queue: the signed envelope goes on
 * partner.&lt;id&gt;.out in the same JMS transaction as the consumption from swg.outbound, and the
 * delivery is then DELIVERED. HTTP partners are served by the push worker and PULL partners read
 * their inbox: for them the route ends at DELIVERING.
 */
@Component("queueDelivery")
public class QueueDelivery {

  /** Exchange variable holding the partner queue to send to. */
  static final String QUEUE_VARIABLE = "partnerQueue";
  static final String OUTBOUND_VARIABLE = "outbound";

  private final DeliveryStore deliveries;
  private final OutcomeCounters counters;

  public QueueDelivery(DeliveryStore deliveries, OutcomeCounters counters) {
    this.deliveries = deliveries;
    this.counters = counters;
  }

  public void prepare(OutboundMessage message, Exchange exchange) {
    EnvelopeHeader header = message.header();
    Map<String, Object> headers = exchange.getMessage().getHeaders();
    headers.clear();
    headers.put(SwgHeaders.MESSAGE_ID, header.messageId());
    headers.put(SwgHeaders.MESSAGE_TYPE, header.messageType());
    headers.put(SwgHeaders.FUNCTION, header.function());
    if (header.refToMessageId() != null) {
      headers.put(SwgHeaders.REF_TO_MESSAGE_ID, header.refToMessageId());
      headers.put("JMSCorrelationID", header.refToMessageId());
    }
    if (header.conversationId() != null) {
      headers.put(SwgHeaders.CONVERSATION_ID, header.conversationId());
    }
    // A resumed delivery (OutboundRecording#resume) whose first send did reach the queue after all
    // is dropped by the broker, not read twice by the partner.
    headers.put(SwgHeaders.DUPLICATE_ID, "swg-out:" + message.receiver().id() + ":" + header.messageId());
    exchange.setVariable(OUTBOUND_VARIABLE, message);
    exchange.setVariable(QUEUE_VARIABLE, message.receiver().outboundQueue());
    exchange.getMessage().setBody(new String(message.signedEnvelope(), StandardCharsets.UTF_8));
  }

  public void delivered(OutboundMessage message) {
    deliveries.recordDelivered(message.deliveryId(), null, "on " + message.receiver().outboundQueue());
    counters.delivered(message.receiver().id(), message.messageType().name(), DeliveryStore.JMS);
  }
}
