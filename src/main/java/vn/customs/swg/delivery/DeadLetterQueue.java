package vn.customs.swg.delivery;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.jms.core.JmsTemplate;
import vn.customs.swg.SwgHeaders;

/**
 * Puts an outbound message that gave up (FAILED_DELIVERY) on {@value #QUEUE} for operators and
 * their tooling: the envelope as the gateway signed it, as a persistent TextMessage with
 * {@code swgMessageId}, {@code swgMessageType}, {@code swgSenderId} (the partner id) and
 * {@code swgDeadLetterReason}. Persistence is set on the send itself, not left to the template's
 * QoS settings, so no global {@code spring.jms.template.*} can make a dead letter volatile. The
 * database stays the record (the {@code deadletters} endpoint lists it, replay works from it):
 * the queue is a notification with the evidence attached.
 */
public final class DeadLetterQueue {

  public static final String QUEUE = "swg.outbound.dlq";
  /** Why the delivery gave up: its last error, as the dead-letter list shows it. */
  public static final String REASON = "swgDeadLetterReason";

  private final JmsTemplate jms;

  public DeadLetterQueue(JmsTemplate jms) {
    this.jms = jms;
  }

  /**
   * Sends the dead letter; throws the JMS exception of a failed send (the caller logs it: the
   * delivery is FAILED_DELIVERY in the database either way).
   */
  public void send(String messageId, String messageType, String partnerId, String reason, byte[] signedEnvelope) {
    jms.execute(session -> {
      TextMessage message = session.createTextMessage(new String(signedEnvelope, StandardCharsets.UTF_8));
      setIfPresent(message, SwgHeaders.MESSAGE_ID, messageId);
      setIfPresent(message, SwgHeaders.MESSAGE_TYPE, messageType);
      setIfPresent(message, SwgHeaders.SENDER_ID, partnerId);
      setIfPresent(message, REASON, reason);
      MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
      try {
        producer.send(message, DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
      } finally {
        producer.close();
      }
      if (session.getTransacted()) {
        // execute() does not commit for us, unlike JmsTemplate's own send methods
        session.commit();
      }
      return null;
    }, false);
  }

  private static void setIfPresent(TextMessage message, String name, String value) throws jakarta.jms.JMSException {
    if (value != null && !value.isEmpty()) {
      message.setStringProperty(name, value);
    }
  }
}
