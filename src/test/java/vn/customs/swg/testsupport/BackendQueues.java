package vn.customs.swg.testsupport;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.jms.core.JmsTemplate;

/**
 * The back-end side of the gateway in tests: reads what it put on the back-end queues, as a
 * back-end would (JMS), and counts or clears queues on the embedded broker itself, which is exact
 * and needs no receive timeout.
 */
public final class BackendQueues {

  public static final List<String> ALL = List.of("customs.licensing.in", "customs.payments.in", "customs.asw.in");

  private final JmsTemplate jms;
  private final EmbeddedActiveMQ broker;

  public BackendQueues(JmsTemplate template, EmbeddedActiveMQ broker) {
    this.jms = new JmsTemplate(template.getConnectionFactory());
    this.jms.setReceiveTimeout(2000);
    this.broker = broker;
  }

  /** Receives every message now on the queue over JMS. */
  public List<Message> receiveAll(String queue) {
    List<Message> messages = new ArrayList<>();
    long expected = count(queue);
    while (messages.size() < expected) {
      Message message = jms.receive(queue);
      if (message == null) {
        break;
      }
      messages.add(message);
    }
    return messages;
  }

  /**
   * Messages on the queue. A send that has returned has added its message to the queue's
   * intermediate list, which the queue's own executor moves into the count later: the count is
   * read only after that executor has caught up, else it can lag behind a completed send.
   */
  public long count(String queue) {
    Queue found = broker.getActiveMQServer().locateQueue(SimpleString.of(queue));
    if (found == null) {
      return 0;
    }
    if (!found.flushExecutor()) {
      throw new IllegalStateException("the broker did not settle queue " + queue + " in time");
    }
    return found.getMessageCount();
  }

  /** Messages on all back-end queues together. */
  public long countAll() {
    return ALL.stream().mapToLong(this::count).sum();
  }

  public void clearAll() {
    for (String name : ALL) {
      Queue queue = broker.getActiveMQServer().locateQueue(SimpleString.of(name));
      if (queue != null) {
        try {
          queue.deleteAllReferences();
        } catch (Exception e) {
          throw new IllegalStateException("cannot clear " + name, e);
        }
      }
    }
  }

  public static String text(Message message) {
    try {
      return ((TextMessage) message).getText();
    } catch (JMSException e) {
      throw new IllegalStateException(e);
    }
  }
}
