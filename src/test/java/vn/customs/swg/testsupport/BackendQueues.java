package vn.customs.swg.testsupport;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
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

  /** How long a count must read the same before it counts. */
  private static final Duration STABLE_FOR = Duration.ofMillis(100);
  private static final Duration SETTLE_LIMIT = Duration.ofSeconds(10);

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
   * Messages on the queue, once the count has held still for {@link #STABLE_FOR}. A durable send
   * that has returned may not have reached the count yet: the broker answers the sender and adds
   * the message to the queue in two callbacks of the same journal write, in either order, and a
   * routed message waits in the queue's intermediate list until the queue's executor moves it. Both
   * were seen to lag behind a completed send on a loaded CI machine (CrashWindowIT read 0 for a
   * message the sweeper had sent). So the queue's executor is flushed before every read, and the
   * count must read the same for {@link #STABLE_FOR} before it is returned (at most 10 s).
   */
  public long count(String queue) {
    long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
    long count = settledCount(queue);
    long stableSince = System.nanoTime();
    while (System.nanoTime() - stableSince < STABLE_FOR.toNanos()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the count of " + queue + " did not hold still within " + SETTLE_LIMIT);
      }
      LockSupport.parkNanos(STABLE_FOR.toNanos() / 5);
      long again = settledCount(queue);
      if (again != count) {
        count = again;
        stableSince = System.nanoTime();
      }
    }
    return count;
  }

  /**
   * The count once it has reached {@code expected} (waiting at most 10 s) and held still, or the
   * count when the wait ran out: for a message sent by another thread (a sweeper) just before.
   */
  public long awaitCount(String queue, long expected) {
    long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
    while (settledCount(queue) != expected && System.nanoTime() < deadline) {
      LockSupport.parkNanos(STABLE_FOR.toNanos() / 5);
    }
    return count(queue);
  }

  /** What the broker says of the queue, for a failing assertion's message. */
  public String describe(String queue) {
    Queue found = broker.getActiveMQServer().locateQueue(SimpleString.of(queue));
    return found == null ? queue + ": no such queue"
        : queue + ": count " + found.getMessageCount() + ", added " + found.getMessagesAdded() + ", acknowledged "
            + found.getMessagesAcknowledged() + ", delivering " + found.getDeliveringCount() + ", consumers "
            + found.getConsumerCount() + ", routing " + found.getRoutingType();
  }

  private long settledCount(String queue) {
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
