package vn.customs.swg.store.search;

import java.util.List;

/**
 * One page of a search, newest first.
 *
 * @param page zero-based page number
 * @param size page size asked for (after the cap)
 * @param total messages matching the filter, all pages together
 */
public record MessagePage(List<MessageSummary> items, int page, int size, long total) {

  public MessagePage {
    items = List.copyOf(items);
  }

  /** Number of pages; 0 when nothing matched. */
  public int totalPages() {
    return size == 0 ? 0 : (int) ((total + size - 1) / size);
  }

  public boolean hasNext() {
    return (long) (page + 1) * size < total;
  }
}
