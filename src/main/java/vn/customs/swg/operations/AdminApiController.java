package vn.customs.swg.operations;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.customs.swg.delivery.DeadLetterReplay;
import vn.customs.swg.store.delivery.DeadLetter;
import vn.customs.swg.store.search.CsvExport;
import vn.customs.swg.store.search.DailyStatistics;
import vn.customs.swg.store.search.MessageDetail;
import vn.customs.swg.store.search.MessagePage;
import vn.customs.swg.store.search.MessageSearch;
import vn.customs.swg.store.search.MessageSummary;

/**
 * The operators' JSON API, {@code /api/admin/**}, for scripts (HTTP Basic; GET as AUDITOR, POST
 * as OPERATOR: see {@link vn.customs.swg.config.SecurityConfiguration}): message search, detail
 * and downloads, CSV export, dead letters and their replay, partners with their certificates,
 * daily statistics. docs/operations.md has a curl example of each. A value that cannot be read
 * is a 400 naming the parameter; an unknown id is a 404.
 */
@RestController
@RequestMapping(path = "/api/admin", produces = MediaType.APPLICATION_JSON_VALUE)
public class AdminApiController {

  static final int DEFAULT_PAGE_SIZE = 50;
  static final int DEFAULT_STATISTICS_DAYS = 7;

  private final MessageSearch search;
  private final DeadLetterReplay deadLetters;
  private final PartnerOverview partners;
  private final Clock clock;

  public AdminApiController(MessageSearch search, DeadLetterReplay deadLetters, PartnerOverview partners,
      Clock clock) {
    this.search = search;
    this.deadLetters = deadLetters;
    this.partners = partners;
    this.clock = clock;
  }

  /** Messages matching the filter parameters, newest first. */
  @GetMapping("/messages")
  public MessagePage messages(@ModelAttribute FilterQuery query,
      @RequestParam(name = "page", defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "" + DEFAULT_PAGE_SIZE) int size) {
    return search.search(query.toFilter(search.zone()), page, size);
  }

  @GetMapping("/messages/{id}")
  public ResponseEntity<MessageDetail> message(@PathVariable("id") long id) {
    return ResponseEntity.of(search.detail(id));
  }

  /** The bytes as received, as an XML file download. */
  @GetMapping(path = "/messages/{id}/original", produces = MediaType.ALL_VALUE)
  public ResponseEntity<byte[]> original(@PathVariable("id") long id) {
    return download(id, "original", search::originalBytes);
  }

  /** The bytes as the gateway signed them (delivered or forwarded), as an XML file download. */
  @GetMapping(path = "/messages/{id}/delivered", produces = MediaType.ALL_VALUE)
  public ResponseEntity<byte[]> delivered(@PathVariable("id") long id) {
    return download(id, "delivered", search::deliveredBytes);
  }

  /**
   * Every message matching the filter as CSV, streamed; at most {@value MessageSearch#EXPORT_LIMIT}
   * rows, and a last line saying so when more matched.
   */
  @GetMapping(path = "/messages/export.csv", produces = "text/csv")
  public void export(@ModelAttribute FilterQuery query, HttpServletResponse response) throws IOException {
    var filter = query.toFilter(search.zone());
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment().filename("swg-messages.csv").build().toString());
    Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    CsvExport export = search.exportCsv(filter, out);
    out.flush();
    if (export.truncated()) {
      org.slf4j.LoggerFactory.getLogger(AdminApiController.class)
          .info("CSV export stopped at {} rows; more messages matched", export.limit());
    }
  }

  /** Deliveries that gave up, most recently failed first. */
  @GetMapping("/deadletters")
  public List<DeadLetter> deadLetters(@RequestParam(name = "page", defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "" + DEFAULT_PAGE_SIZE) int size) {
    if (page < 0 || size < 1) {
      throw new IllegalArgumentException("page must be 0 or more and size 1 or more");
    }
    int capped = Math.min(size, DeadLetterReplay.MAX_LIST);
    return deadLetters.deadLetters(page * capped, capped);
  }

  /** Sends a dead letter on its way again (OPERATOR): 200 replayed, 409 not a dead letter, 404 unknown. */
  @PostMapping("/deadletters/{deliveryId}/replay")
  public ResponseEntity<DeadLetterReplay.Replay> replay(@PathVariable("deliveryId") long deliveryId,
      Principal operator) {
    DeadLetterReplay.Replay replay = deadLetters.replay(deliveryId, operator.getName());
    HttpStatus status = switch (replay.result()) {
      case REPLAYED -> HttpStatus.OK;
      case NOT_DEAD -> HttpStatus.CONFLICT;
      case UNKNOWN -> HttpStatus.NOT_FOUND;
    };
    return ResponseEntity.status(status).body(replay);
  }

  @GetMapping("/partners")
  public List<PartnerOverview.PartnerView> partners() {
    return partners.partners();
  }

  /**
   * Counts per day, partner, type and outcome, and the top rejection reasons; {@code from} and
   * {@code to} are dates (inclusive), by default the last {@value #DEFAULT_STATISTICS_DAYS} days.
   */
  @GetMapping("/statistics/daily")
  public DailyStatistics daily(@RequestParam(name = "from", required = false) String from,
      @RequestParam(name = "to", required = false) String to) {
    LocalDate last = to == null ? LocalDate.now(clock.withZone(search.zone())) : date("to", to);
    LocalDate first = from == null ? last.minusDays(DEFAULT_STATISTICS_DAYS - 1) : date("from", from);
    return search.dailyStatistics(first, last);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
  }

  private ResponseEntity<byte[]> download(long id, String which, LongFunction<Optional<byte[]>> bytes) {
    Optional<byte[]> content = bytes.apply(id);
    if (content.isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    String name = search.summary(id).map(MessageSummary::messageId)
        .filter(messageId -> messageId.matches("[A-Za-z0-9._:-]{1,128}"))
        .map(messageId -> messageId.replace(':', '_'))
        .orElse("message-" + id);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_XML)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(name + "-" + which + ".xml").build().toString())
        .body(content.get());
  }

  private static LocalDate date(String name, String value) {
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " is a date like 2026-11-22");
    }
  }
}
