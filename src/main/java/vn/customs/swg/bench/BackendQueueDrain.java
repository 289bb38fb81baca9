package vn.customs.swg.bench;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import vn.customs.swg.SwgHeaders;

/**
 * Takes every message off the back-end queues of a broker reached over TCP (the embedded broker's
 * loopback acceptor, {@code gateway.broker.loopback-acceptor}) and hands each one's swgMessageId
 * to the caller, as a back-end would consume them. Destructive by design: the bench counts a
 * fresh run on empty queues. Never point it at a broker whose back-ends need those messages.
 */
public final class BackendQueueDrain {

  /** The back-end queues of the dev catalogue (application.yml, gateway.message-types). */
  public static final List<String> BACKEND_QUEUES =
      List.of("customs.licensing.in", "customs.payments.in", "customs.asw.in");

  /** A queue is empty once nothing arrived for this long: the messages are already durable there. */
  private static final long QUIET_MILLIS = 1000;
  private static final int COMMIT_EVERY = 500;

  private final String brokerUrl;
  private final List<String> queues;

  /**
   * @param brokerUrl an Artemis URL, e.g. {@code tcp://127.0.0.1:61616}
   */
  public BackendQueueDrain(String brokerUrl, List<String> queues) {
    this.brokerUrl = brokerUrl;
    this.queues = List.copyOf(queues);
  }

  /**
   * Receives every message now on the queues and gives {@code messageIds} each one's swgMessageId
   * (null when it has none).
   *
   * @return how many messages each queue held, in queue order
   */
  public Map<String, Long> drain(Consumer<String> messageIds) {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl);
        Connection connection = factory.createConnection()) {
      connection.start();
      for (String queue : queues) {
        counts.put(queue, drain(connection, queue, messageIds));
      }
    } catch (JMSException e) {
      throw new IllegalStateException("cannot read the back-end queues at " + brokerUrl + " (" + e.getMessage()
          + "); is the gateway's loopback acceptor on (gateway.broker.loopback-acceptor.enabled)?", e);
    }
    return counts;
  }

  private static long drain(Connection connection, String queue, Consumer<String> messageIds) throws JMSException {
    // Transacted, committed in batches: one round trip per batch instead of one per message.
    try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
      long count = 0;
      for (Message message = consumer.receive(QUIET_MILLIS); message != null; message = consumer.receive(QUIET_MILLIS)) {
        messageIds.accept(message.getStringProperty(SwgHeaders.MESSAGE_ID));
        if (++count % COMMIT_EVERY == 0) {
          session.commit();
        }
      }
      session.commit();
      return count;
    }
  }
}
