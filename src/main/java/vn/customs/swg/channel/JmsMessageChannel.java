package vn.customs.swg.channel;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;
import vn.customs.swg.SwgHeaders;
import vn.customs.swg.inbound.InboundMessage;
import vn.customs.swg.receipt.Verdict;

/**
 * The JMS channel (routes/receive-partner-queue.camel.yaml): a message from partner.&lt;id&gt;.in
 * becomes an {@link InboundMessage} whose transport identity is that partner, goes through the
 * inbound flow, and the exchange leaves with the signed receipt for partner.&lt;id&gt;.out,
 * correlated to the submitted messageId. Headers the partner set never reach the flow or the
 * back-end. Like the HTTP channel it enters the flow through a producer: a rejection handled
 * inside the flow must not stop this route before the receipt is sent.
 */
@Component("jmsMessageChannel")
public class JmsMessageChannel {

  /** JMS property on a receipt: ACCEPTED, DUPLICATE or REJECTED, so a client can filter. */
  public static final String RECEIPT_STATUS = "swgReceiptStatus";

  private final ProducerTemplate producer;
  private final Clock clock;

  public JmsMessageChannel(ProducerTemplate producer, Clock clock) {
    this.producer = producer;
    this.clock = clock;
  }

  public void submit(Exchange exchange, String partnerId) throws InvalidPayloadException {
    Object body = exchange.getMessage().getBody();
    // TextMessage bodies are the envelope's characters; the gateway admits UTF-8 bytes only.
    byte[] bytes = body instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
        : exchange.getMessage().getBody(byte[].class);
    InboundMessage message = new InboundMessage(InboundMessage.Channel.JMS, OffsetDateTime.now(clock),
        bytes == null ? new byte[0] : bytes, partnerId);
    Exchange result = producer.send("direct:receive-message", e -> e.getMessage().setBody(message));
    Verdict verdict = result.getMessage().getMandatoryBody(Verdict.class);
    String submittedId = message.header() == null ? null : message.header().messageId();
    Map<String, Object> headers = exchange.getMessage().getHeaders();
    headers.clear();
    headers.put(SwgHeaders.MESSAGE_TYPE, "RECEIPT");
    headers.put(RECEIPT_STATUS, verdict.status().name());
    if (submittedId != null) {
      headers.put(SwgHeaders.REF_TO_MESSAGE_ID, submittedId);
      headers.put("JMSCorrelationID", submittedId);
    }
    exchange.getMessage().setBody(new String(verdict.receipt(), StandardCharsets.UTF_8));
  }
}
