package vn.customs.swg.console;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;
import vn.customs.swg.store.search.MessageFilter;

/**
 * The message list's filter form as the browser sends it (every field optional, as typed), turned
 * into a {@link MessageFilter} and back into the links of the page: next and previous page, CSV
 * export of the same filter. Times are typed in the gateway's zone ({@code datetime-local} inputs:
 * {@code 2026-11-22T15:30}); {@code to} is exclusive.
 *
 * @param page zero-based page; null for the first
 * @param size rows per page; null for {@link #DEFAULT_SIZE}
 */
public record MessageQuery(String sender, String receiver, String partner, String type, String state,
    String direction, String from, String to, String documentReference, String conversationId, String messageId,
    Integer page, Integer size) {

  public static final int DEFAULT_SIZE = 50;

  public int pageOr0() {
    return page == null || page < 0 ? 0 : page;
  }

  public int sizeOrDefault() {
    return size == null || size < 1 ? DEFAULT_SIZE : size;
  }

  /**
   * The store's filter.
   *
   * @throws IllegalArgumentException with a sentence for the operator when a time or the
   *     direction is not one the store understands, or {@code from} is not before {@code to}
   */
  public MessageFilter filter(ZoneId zone) {
    return MessageFilter.builder()
        .sender(sender)
        .receiver(receiver)
        .partner(partner)
        .messageType(type)
        .state(state)
        .direction(direction)
        .receivedFrom(instant("from", from, zone))
        .receivedTo(instant("to", to, zone))
        .documentReference(documentReference)
        .conversationId(conversationId)
        .messageId(messageId)
        .build();
  }

  /** The list with the same filter at another page. */
  public String pageLink(int target) {
    Map<String, String> values = values();
    values.put("page", Integer.toString(target));
    return link("/console/messages", values);
  }

  /** The CSV export of the same filter (every page). */
  public String csvLink() {
    return link("/console/messages.csv", values());
  }

  /** No filter field given. */
  public boolean isEmpty() {
    Map<String, String> values = values();
    values.remove("size");
    return values.isEmpty();
  }

  // Values go in as URI variables, so they are encoded strictly: a "+" or "&" typed in a
  // reference stays what it was.
  private static String link(String path, Map<String, String> values) {
    UriComponentsBuilder builder = UriComponentsBuilder.fromPath(path);
    values.keySet().forEach(name -> builder.queryParam(name, "{" + name + "}"));
    return builder.encode().buildAndExpand(values).toUriString();
  }

  private Map<String, String> values() {
    Map<String, String> values = new LinkedHashMap<>();
    put(values, "sender", sender);
    put(values, "receiver", receiver);
    put(values, "partner", partner);
    put(values, "type", type);
    put(values, "state", state);
    put(values, "direction", direction);
    put(values, "from", from);
    put(values, "to", to);
    put(values, "documentReference", documentReference);
    put(values, "conversationId", conversationId);
    put(values, "messageId", messageId);
    if (size != null && size != DEFAULT_SIZE) {
      values.put("size", size.toString());
    }
    return values;
  }

  private static void put(Map<String, String> values, String name, String value) {
    if (value != null && !value.isBlank()) {
      values.put(name, value.trim());
    }
  }

  private static Instant instant(String field, String value, ZoneId zone) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(value.trim()).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + ": \"" + value + "\" is not a date and time like 2026-11-22T15:30");
    }
  }
}
