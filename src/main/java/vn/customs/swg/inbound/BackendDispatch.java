package vn.customs.swg.inbound;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.customs.swg.SwgHeaders;
import vn.customs.swg.admission.EnvelopeHeader;

/**
 * Step 8, dispatch, preparation: the JMS properties of ENVELOPE.md section 7 and the counter-signed
 * envelope as the body, where the route's JMS endpoint picks them up. Only these headers travel: anything
 * else on the exchange stays inside the gateway.
 */
@Component("backendDispatch")
public class BackendDispatch {

  public void prepare(InboundMessage message, Exchange exchange) {
    EnvelopeHeader header = message.header();
    Map<String, Object> headers = exchange.getMessage().getHeaders();
    headers.clear();
    putIfPresent(headers, SwgHeaders.MESSAGE_ID, header.messageId());
    putIfPresent(headers, SwgHeaders.MESSAGE_TYPE, header.messageType());
    putIfPresent(headers, SwgHeaders.FUNCTION, header.function());
    putIfPresent(headers, SwgHeaders.SENDER_ID, message.sender().id());
    putIfPresent(headers, SwgHeaders.SENDER_IDENTITY, header.fromIdentity());
    putIfPresent(headers, SwgHeaders.CONVERSATION_ID, header.conversationId());
    putIfPresent(headers, SwgHeaders.REF_TO_MESSAGE_ID, header.refToMessageId());
    putIfPresent(headers, "JMSCorrelationID", header.refToMessageId());
    exchange.setVariable(SwgHeaders.DESTINATION_VARIABLE, message.messageType().queue());
    // The body becomes the envelope for the JMS send; the route restores the flow context after it.
    exchange.getMessage().setBody(new String(message.forwardedEnvelope(), StandardCharsets.UTF_8));
  }

  private static void putIfPresent(Map<String, Object> headers, String name, String value) {
    if (value != null && !value.isEmpty()) {
      headers.put(name, value);
    }
  }
}
