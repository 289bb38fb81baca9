package vn.customs.swg.inbound;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.customs.swg.SwgHeaders;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.store.StoredMessage;

/**
 * Step 8, dispatch, preparation: the JMS properties of ENVELOPE.md section 7 and the counter-signed
 * envelope as the body, where the route's JMS endpoint picks them up. Only these headers travel: anything
 * else on the exchange stays inside the gateway; they include the broker's duplicate-detection id
 * (sender and messageId), so whoever sends the message again (a resend, the
 * {@link DispatchSweeper} after a node died) cannot put a second copy on the queue.
 */
@Component("backendDispatch")
public class BackendDispatch {

  public void prepare(InboundMessage message, Exchange exchange) {
    EnvelopeHeader header = message.header();
    Map<String, Object> headers = exchange.getMessage().getHeaders();
    headers.clear();
    headers.putAll(headers(message.sender().id(), header.messageId(), header.messageType(), header.function(),
        header.fromIdentity(), header.conversationId(), header.refToMessageId()));
    exchange.setVariable(SwgHeaders.DESTINATION_VARIABLE, message.messageType().queue());
    // The body becomes the envelope for the JMS send; the route restores the flow context after it.
    exchange.getMessage().setBody(new String(message.forwardedEnvelope(), StandardCharsets.UTF_8));
  }

  /** The JMS properties of a stored message, for sending it again exactly as the route did. */
  static Map<String, Object> headers(StoredMessage stored) {
    return headers(stored.partnerId(), stored.messageId(), stored.messageType(), stored.functionCode(),
        stored.senderIdentity(), stored.conversationId(), stored.refToMessageId());
  }

  private static Map<String, Object> headers(String senderId, String messageId, String messageType, String function,
      String senderIdentity, String conversationId, String refToMessageId) {
    Map<String, Object> headers = new LinkedHashMap<>();
    putIfPresent(headers, SwgHeaders.MESSAGE_ID, messageId);
    putIfPresent(headers, SwgHeaders.MESSAGE_TYPE, messageType);
    putIfPresent(headers, SwgHeaders.FUNCTION, function);
    putIfPresent(headers, SwgHeaders.SENDER_ID, senderId);
    putIfPresent(headers, SwgHeaders.SENDER_IDENTITY, senderIdentity);
    putIfPresent(headers, SwgHeaders.CONVERSATION_ID, conversationId);
    putIfPresent(headers, SwgHeaders.REF_TO_MESSAGE_ID, refToMessageId);
    putIfPresent(headers, "JMSCorrelationID", refToMessageId);
    headers.put(SwgHeaders.DUPLICATE_ID, SwgHeaders.inboundDuplicateId(senderId, messageId));
    return headers;
  }

  private static void putIfPresent(Map<String, Object> headers, String name, String value) {
    if (value != null && !value.isEmpty()) {
      headers.put(name, value);
    }
  }
}
