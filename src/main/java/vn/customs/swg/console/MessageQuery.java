package vn.customs.swg.console;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;
import vn.customs.swg.operations.FilterQuery;

/**
 * Where the message list is: the filter as the operator typed it ({@link FilterQuery}, which also
 * decides how its times are read) and the page, turned into the links of the page: another page
 * of the same filter, and the CSV export of the same filter.
 *
 * @param page zero-based page; null for the first
 * @param size rows per page; null for {@link #DEFAULT_SIZE}
 */
public record MessageQuery(FilterQuery filter, Integer page, Integer size) {

  public static final int DEFAULT_SIZE = 50;

  public int pageOr0() {
    return page == null || page < 0 ? 0 : page;
  }

  public int sizeOrDefault() {
    return size == null || size < 1 ? DEFAULT_SIZE : size;
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

  // Values go in as URI variables, so they are encoded strictly: a "+" or "&" typed in a
  // reference stays what it was.
  private static String link(String path, Map<String, String> values) {
    UriComponentsBuilder builder = UriComponentsBuilder.fromPath(path);
    values.keySet().forEach(name -> builder.queryParam(name, "{" + name + "}"));
    return builder.encode().buildAndExpand(values).toUriString();
  }

  private Map<String, String> values() {
    Map<String, String> values = new LinkedHashMap<>();
    put(values, "sender", filter.sender());
    put(values, "receiver", filter.receiver());
    put(values, "partner", filter.partner());
    put(values, "type", filter.type());
    put(values, "state", filter.state());
    put(values, "direction", filter.direction());
    put(values, "from", filter.from());
    put(values, "to", filter.to());
    put(values, "documentReference", filter.documentReference());
    put(values, "conversationId", filter.conversationId());
    put(values, "messageId", filter.messageId());
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
}
