package vn.customs.swg.testsupport;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jms.core.JmsTemplate;

/** Reads what the gateway put on the back-end queues, as a back-end would. */
public final class BackendQueues {

  public static final List<String> ALL = List.of("customs.licensing.in", "customs.payments.in", "customs.asw.in");

  private final JmsTemplate jms;

  public BackendQueues(JmsTemplate template) {
    this.jms = new JmsTemplate(template.getConnectionFactory());
    this.jms.setReceiveTimeout(300);
  }

  /** Takes every message now on the queue. */
  public List<Message> drain(String queue) {
    List<Message> messages = new ArrayList<>();
    for (Message m = jms.receive(queue); m != null; m = jms.receive(queue)) {
      messages.add(m);
    }
    return messages;
  }

  public void drainAll() {
    ALL.forEach(this::drain);
  }

  /** Total messages on all back-end queues, taking them off. */
  public int drainAllCount() {
    return ALL.stream().mapToInt(q -> drain(q).size()).sum();
  }

  public static String text(Message message) {
    try {
      return ((TextMessage) message).getText();
    } catch (JMSException e) {
      throw new IllegalStateException(e);
    }
  }
}
