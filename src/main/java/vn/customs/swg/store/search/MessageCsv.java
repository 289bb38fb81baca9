package vn.customs.swg.store.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes search results as CSV (RFC 4180: comma separated, every cell quoted, quotes doubled,
 * CRLF line ends) that is safe to open in a spreadsheet. Message fields come from partners, and a
 * cell starting with {@code = + - @}, a tab or a carriage return would be run as a formula by
 * Excel or LibreOffice (CSV injection); such a cell gets a leading apostrophe, which spreadsheets
 * show as text and do not evaluate. Times are ISO-8601 with the gateway zone's offset.
 */
final class MessageCsv {

  static final List<String> HEADER = List.of("id", "direction", "partner", "messageId", "messageType", "sender",
      "receiver", "state", "channel", "documentReference", "conversationId", "errorCodes", "receivedAt", "updatedAt");

  private final Writer out;
  private final DateTimeFormatter times;

  MessageCsv(Writer out, ZoneId zone) {
    this.out = out;
    this.times = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
  }

  void header() {
    line(HEADER);
  }

  void row(MessageSummary m) {
    line(List.of(Long.toString(m.id()), m.direction(), text(m.partnerId()), text(m.messageId()), text(m.messageType()),
        text(m.sender()), text(m.receiver()), m.state(), m.channel(), text(m.documentReference()),
        text(m.conversationId()), String.join(" ", m.errorCodes()), time(m.receivedAt()), time(m.updatedAt())));
  }

  /** A last line saying the export stopped: visible to whoever opens the file, not only to the HTTP client. */
  void truncationNote(int limit) {
    line(List.of("export stopped after " + limit + " rows: narrow the filter (time range, partner, type)"));
  }

  /** The cell as written: formula triggers neutralised, quoted. */
  static String cell(String value) {
    String safe = value;
    if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
      safe = "'" + safe;
    }
    return '"' + safe.replace("\"", "\"\"") + '"';
  }

  private void line(List<String> cells) {
    try {
      for (int i = 0; i < cells.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(cell(cells.get(i)));
      }
      out.write("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the CSV export", e);
    }
  }

  private String time(Instant instant) {
    return instant == null ? "" : times.format(instant);
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
