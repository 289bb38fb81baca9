package vn.customs.swg.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A horizontal bar chart the server draws as inline SVG (template {@code console/chart}): one bar
 * per row, split into coloured segments per key (an outcome, say), all bars on one scale so they
 * compare at a glance, with each row's total written after its bar. It decides the geometry only;
 * colours come from the stylesheet by key ({@code seg-<key>}), and the numbers stay in a table
 * beside the chart for whoever would rather read them. No JavaScript, nothing fetched.
 */
public final class BarChart {

  /** Width of the drawing in SVG units; the SVG scales to its container. */
  public static final int WIDTH = 800;
  static final int LABEL_WIDTH = 230;
  static final int TOTAL_WIDTH = 70;
  static final int ROW_HEIGHT = 28;
  static final int BAR_HEIGHT = 18;
  static final int BAR_AREA = WIDTH - LABEL_WIDTH - TOTAL_WIDTH;

  /** One coloured piece of a bar, in SVG units. */
  public record Segment(String key, long value, double x, double width) {}

  /** One bar: its label, its total and where its segments are drawn. */
  public record Row(String label, long total, double y, double textY, double totalX, List<Segment> segments) {}

  private final List<String> keys;
  private final List<Row> rows;
  private final long max;

  private BarChart(List<String> keys, List<Row> rows, long max) {
    this.keys = keys;
    this.rows = rows;
    this.max = max;
  }

  /**
   * A chart of these rows, in the order given; each row's values by key, segments in the order
   * of {@code keys} (keys missing from a row count zero, keys not listed are left out).
   */
  public static BarChart of(Map<String, ? extends Map<String, Long>> values, List<String> keys) {
    long max = values.values().stream().mapToLong(row -> total(row, keys)).max().orElse(0);
    List<Row> rows = new ArrayList<>();
    int index = 0;
    for (Map.Entry<String, ? extends Map<String, Long>> entry : values.entrySet()) {
      double y = index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2.0;
      double x = LABEL_WIDTH;
      List<Segment> segments = new ArrayList<>();
      for (String key : keys) {
        long value = entry.getValue().getOrDefault(key, 0L);
        if (value > 0) {
          double width = BAR_AREA * (double) value / max;
          segments.add(new Segment(key, value, x, width));
          x += width;
        }
      }
      rows.add(new Row(entry.getKey(), total(entry.getValue(), keys), y, y + BAR_HEIGHT - 4, x + 6, segments));
      index++;
    }
    return new BarChart(List.copyOf(keys), List.copyOf(rows), max);
  }

  /** A chart of one value per row, all of the same key (one colour). */
  public static BarChart single(Map<String, Long> values, String key) {
    Map<String, Map<String, Long>> rows = new LinkedHashMap<>();
    values.forEach((label, value) -> rows.put(label, Map.of(key, value)));
    return of(rows, List.of(key));
  }

  private static long total(Map<String, Long> row, List<String> keys) {
    return keys.stream().mapToLong(key -> row.getOrDefault(key, 0L)).sum();
  }

  public List<String> keys() {
    return keys;
  }

  public List<Row> rows() {
    return rows;
  }

  /** The longest bar's total: every bar is drawn on this scale. */
  public long max() {
    return max;
  }

  public boolean isEmpty() {
    return max == 0;
  }

  public int width() {
    return WIDTH;
  }

  public int height() {
    return Math.max(1, rows.size()) * ROW_HEIGHT;
  }

  public int labelWidth() {
    return LABEL_WIDTH;
  }
}
