package vn.customs.swg.catalogue;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import vn.customs.swg.config.ConfigurationException;
import vn.customs.swg.config.GatewayProperties;

/**
 * The message types the gateway knows, read from {@code gateway.message-types}. It decides which
 * schema validates a body and which back-end queue an inbound type goes to; queue names live here
 * and in configuration, never in route files. Adding a type is a schema file plus an entry.
 */
public final class MessageTypeCatalogue {

  private static final Pattern TYPE_NAME = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

  private final Map<String, MessageType> types;

  public MessageTypeCatalogue(Map<String, GatewayProperties.MessageType> configured, ClassLoader classLoader) {
    if (configured.isEmpty()) {
      throw new ConfigurationException(
          "gateway.message-types is empty: configure at least one message type with its schema and queue");
    }
    Map<String, MessageType> loaded = new TreeMap<>();
    configured.forEach((name, entry) -> loaded.put(name, check(name, entry, classLoader)));
    this.types = Map.copyOf(loaded);
  }

  private static MessageType check(String name, GatewayProperties.MessageType entry, ClassLoader classLoader) {
    String key = "gateway.message-types." + name;
    if (!TYPE_NAME.matcher(name).matches()) {
      throw new ConfigurationException(key + ": a message type name is upper snake case, e.g. TAX_PAYMENT_NOTICE");
    }
    if (classLoader.getResource(entry.schema()) == null) {
      throw new ConfigurationException(
          key + ".schema: no schema at classpath resource " + entry.schema() + "; put the XSD under schemas/");
    }
    if (entry.example() != null && classLoader.getResource(entry.example()) == null) {
      throw new ConfigurationException(key + ".example: no example at classpath resource " + entry.example());
    }
    boolean inbound = entry.direction() == GatewayProperties.Direction.INBOUND;
    if (inbound && (entry.queue() == null || entry.queue().isBlank())) {
      throw new ConfigurationException(key + ".queue: an inbound message type needs the back-end queue it goes to");
    }
    if (inbound && entry.senderKinds().isEmpty()) {
      throw new ConfigurationException(key + ".sender-kinds: name the partner kinds that may send this type");
    }
    return new MessageType(name, entry.direction(), entry.schema(), entry.example(),
        inbound ? entry.queue() : null, Set.copyOf(entry.senderKinds()));
  }

  public Optional<MessageType> find(String name) {
    return Optional.ofNullable(types.get(name));
  }

  /** The back-end queue of an inbound type; only for types that exist. */
  public String queueFor(String name) {
    return types.get(name).queue();
  }

  public Collection<MessageType> all() {
    return types.values();
  }
}
