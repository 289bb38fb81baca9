package vn.customs.swg.outbound;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.monitoring.OutcomeCounters;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.RejectedRecord;

/**
 * What happens to a back-end message the gateway will not send (routes/outbound-error-handling):
 * it is recorded as REJECTED with its code, and its original bytes go to swg.outbound.dlq with
 * the reason, where operators find it. Nothing half-checked is signed or delivered.
 */
@Component("outboundDeadLetters")
public class OutboundDeadLetters {

  /** JMS property on a dead-lettered back-end message: the code and why. */
  public static final String REASON = "swgDeadLetterReason";
  private static final Logger log = LoggerFactory.getLogger(OutboundDeadLetters.class);

  private final MessageStore store;
  private final OutcomeCounters counters;

  public OutboundDeadLetters(MessageStore store, OutcomeCounters counters) {
    this.store = store;
    this.counters = counters;
  }

  public void deadLetter(Exchange exchange) {
    OutboundMessage message = exchange.getVariable(QueueDelivery.OUTBOUND_VARIABLE, OutboundMessage.class);
    MessageRejectedException rejection = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, MessageRejectedException.class);
    String reason = rejection.getMessage();
    log.warn("dead-lettered {}: {}", message, reason);
    EnvelopeHeader header = message == null ? null : message.header();
    counters.outboundRejected(message == null || message.receiver() == null ? null : message.receiver().id(),
        header == null ? null : header.messageType(), rejection.errorCode());
    if (message != null) {
      store.recordRejectedOutbound(new RejectedRecord(message.receiver() == null ? null : message.receiver().id(),
          header == null ? null : header.messageId(), header == null ? null : header.messageType(),
          header == null ? null : header.fromIdentity(), "JMS", message.contentDigest(),
          List.of(rejection.errorCode().code()), reason, message.receivedAt(), message.bytes()));
    }
    Map<String, Object> headers = exchange.getMessage().getHeaders();
    headers.clear();
    headers.put(REASON, reason.length() > 500 ? reason.substring(0, 500) : reason);
    exchange.getMessage().setBody(message == null ? "" : new String(message.bytes(), StandardCharsets.UTF_8));
  }
}
