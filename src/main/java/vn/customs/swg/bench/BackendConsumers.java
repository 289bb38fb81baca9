package vn.customs.swg.bench;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import vn.customs.swg.SwgHeaders;

/**
 * Consumes the back-end queues while a load run goes on, one consumer thread per queue, as the
 * customs back-ends do, and hands each message's swgMessageId to the caller. A gateway whose
 * back-end queues fill up for the whole run holds every message in its embedded broker's memory
 * until the run ends; its collector then copies that growing backlog again and again, which no
 * production gateway does while its back-ends keep up. {@link #finish()} waits until every queue
 * has been quiet for a second after the run, then reports the counts. Destructive, like
 * {@link BackendQueueDrain}: never point it at a broker whose back-ends need those messages.
 */
public final class BackendConsumers implements AutoCloseable {

  /** A queue is done once nothing arrived for this long after the run: the messages are durable there. */
  private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long POLL_MILLIS = 100;

  private final ActiveMQConnectionFactory factory;
  private final Connection connection;
  private final Map<String, AtomicLong> counts = new LinkedHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile long runEndedAt;

  private BackendConsumers(ActiveMQConnectionFactory factory, Connection connection) {
    this.factory = factory;
    this.connection = connection;
  }

  /**
   * Starts one consumer per queue on a broker reached over TCP (the gateway's loopback acceptor).
   *
   * @param messageIds gets each consumed message's swgMessageId (null when it has none), from the
   *     consumer threads: it must be safe to call from several threads
   */
  public static BackendConsumers start(String brokerUrl, List<String> queues, Consumer<String> messageIds) {
    ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl);
    try {
      Connection connection = factory.createConnection();
      BackendConsumers consumers = new BackendConsumers(factory, connection);
      for (String queue : queues) {
        // DUPS_OK: acknowledgements go in batches, without a round trip per message, as a
        // throughput-minded back-end would; the ledger counts any copy a redelivery would add.
        Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
        AtomicLong count = new AtomicLong();
        consumers.counts.put(queue, count);
        Thread thread = new Thread(() -> consumers.consume(consumer, count, messageIds), "backend-" + queue);
        thread.setDaemon(true);
        consumers.threads.add(thread);
      }
      connection.start();
      consumers.threads.forEach(Thread::start);
      return consumers;
    } catch (JMSException e) {
      factory.close();
      throw new IllegalStateException("cannot consume the back-end queues at " + brokerUrl + " (" + e.getMessage()
          + "); is the gateway's loopback acceptor on (gateway.broker.loopback-acceptor.enabled)?", e);
    }
  }

  private void consume(MessageConsumer consumer, AtomicLong count, Consumer<String> messageIds) {
    try {
      long lastMessageAt = 0;
      while (true) {
        Message message = consumer.receive(POLL_MILLIS);
        long now = System.nanoTime();
        if (message != null) {
          messageIds.accept(message.getStringProperty(SwgHeaders.MESSAGE_ID));
          count.incrementAndGet();
          lastMessageAt = now;
        } else if (runEndedAt != 0 && now - Math.max(lastMessageAt, runEndedAt) >= QUIET_NANOS) {
          return;
        }
      }
    } catch (JMSException | RuntimeException e) {
      failure.compareAndSet(null, e);
    } finally {
      try {
        consumer.close();
      } catch (JMSException e) {
        failure.compareAndSet(null, e);
      }
    }
  }

  /**
   * The run is over: waits until each queue has been quiet for a second, stops the consumers and
   * closes the connection (which acknowledges what was consumed).
   *
   * @return how many messages each queue gave, in queue order
   */
  public Map<String, Long> finish() throws InterruptedException {
    runEndedAt = System.nanoTime();
    for (Thread thread : threads) {
      thread.join();
    }
    close();
    if (failure.get() != null) {
      throw new IllegalStateException("a back-end consumer failed: " + failure.get().getMessage(), failure.get());
    }
    Map<String, Long> result = new LinkedHashMap<>();
    counts.forEach((queue, count) -> result.put(queue, count.get()));
    return result;
  }

  @Override
  public void close() {
    if (runEndedAt == 0) {
      runEndedAt = System.nanoTime();
    }
    try {
      connection.close();
    } catch (JMSException e) {
      failure.compareAndSet(null, e);
    } finally {
      factory.close();
    }
  }
}
