package vn.customs.swg.delivery;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.jms.UncategorizedJmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.core.SessionCallback;
import org.springframework.jms.support.JmsUtils;

/**
 * A JmsTemplate without a broker: session callbacks run against an in-memory session whose
 * producers record what they send (queue, text, string properties, delivery mode). The broker
 * path itself is covered end to end on the embedded Artemis.
 */
final class RecordingJmsTemplate extends JmsTemplate {

  /** One message as a producer sent it. */
  record Sent(String queue, String text, Map<String, String> properties, int deliveryMode) {}

  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private volatile boolean brokerDown;

  List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** Every send fails from now on, as with an unreachable broker. */
  void brokerDown() {
    brokerDown = true;
  }

  /** No connection factory to check: nothing here connects. */
  @Override
  public void afterPropertiesSet() {
  }

  @Override
  public <T> T execute(SessionCallback<T> action, boolean startConnection) {
    if (brokerDown) {
      throw new UncategorizedJmsException("broker unreachable (test)");
    }
    try {
      return action.doInJms(session());
    } catch (JMSException e) {
      throw JmsUtils.convertJmsAccessException(e);
    }
  }

  private Session session() {
    return proxy(Session.class, (method, args) -> switch (method) {
      case "createTextMessage" -> textMessage((String) args[0]);
      case "createQueue" -> proxy(Queue.class, (m, a) -> "getQueueName".equals(m) ? args[0] : null);
      case "createProducer" -> producer((Destination) args[0]);
      case "getTransacted" -> false;
      default -> null;
    });
  }

  private Object producer(Destination destination) {
    return proxy(jakarta.jms.MessageProducer.class, (method, args) -> {
      if ("send".equals(method) && args.length == 4) {
        TextMessage message = (TextMessage) args[0];
        @SuppressWarnings("unchecked")
        Map<String, String> properties = (Map<String, String>) message.getObjectProperty("all");
        sent.add(new Sent(((Queue) destination).getQueueName(), message.getText(), Map.copyOf(properties),
            (Integer) args[1]));
      } else if ("send".equals(method)) {
        throw new AssertionError("send without an explicit delivery mode");
      }
      return null;
    });
  }

  private static TextMessage textMessage(String text) {
    Map<String, String> properties = new ConcurrentHashMap<>();
    return proxy(TextMessage.class, (method, args) -> switch (method) {
      case "getText" -> text;
      case "setStringProperty" -> properties.put((String) args[0], (String) args[1]);
      case "getStringProperty" -> properties.get((String) args[0]);
      case "getObjectProperty" -> properties;
      default -> null;
    });
  }

  @FunctionalInterface
  private interface Handler {
    Object handle(String method, Object[] args) throws JMSException;
  }

  private static <T> T proxy(Class<T> type, Handler handler) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (self, method, args) -> switch (method.getName()) {
          case "hashCode" -> System.identityHashCode(self);
          case "equals" -> self == args[0];
          case "toString" -> "fake " + type.getSimpleName();
          default -> handler.handle(method.getName(), args == null ? new Object[0] : args);
        }));
  }
}
