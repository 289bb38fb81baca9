package vn.customs.swg.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.customs.swg.catalogue.MessageType;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.operations.FilterQuery;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.store.search.CsvExport;
import vn.customs.swg.store.search.MessageFilter;
import vn.customs.swg.store.search.MessagePage;
import vn.customs.swg.store.search.MessageSearch;
import vn.customs.swg.trust.material.PartnerDirectory;

/**
 * The message list, {@code GET /console/messages}: the filter form (sender, receiver, partner,
 * type, state, direction, time range, documentReference, conversationId, messageId), one page of
 * matching messages newest first, links to the other pages and to {@code GET
 * /console/messages.csv}, the CSV export of every message the same filter matches. A filter the
 * store cannot take (a time that is not one) is said on the page, with no rows, never guessed at.
 * The fields and how times are read are the admin API's ({@link FilterQuery}).
 */
@Controller
public class MessagesController {

  private static final Logger log = LoggerFactory.getLogger(MessagesController.class);

  /** Every state a stored message can be in, for the form's choice. */
  static final List<String> STATES = List.of("RECEIVED", "ACCEPTED", "DISPATCHED", "REJECTED", "SIGNED",
      "DELIVERING", "DELIVERED", "FAILED_DELIVERY");
  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final MessageSearch search;
  private final PartnerDirectory directory;
  private final MessageTypeCatalogue catalogue;
  private final Clock clock;

  public MessagesController(MessageSearch search, PartnerDirectory directory, MessageTypeCatalogue catalogue,
      Clock clock) {
    this.search = search;
    this.directory = directory;
    this.catalogue = catalogue;
    this.clock = clock;
  }

  @GetMapping("/console/messages")
  String messages(FilterQuery filter, @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size, Model model) {
    MessageQuery query = new MessageQuery(filter, page, size);
    model.addAttribute("filter", filter);
    model.addAttribute("query", query);
    model.addAttribute("partners", directory.current().all().stream().map(Partner::id).sorted().toList());
    model.addAttribute("types", catalogue.all().stream().map(MessageType::name).sorted().toList());
    model.addAttribute("states", STATES);
    try {
      MessagePage result = search.search(filter.toFilter(clock.getZone()), query.pageOr0(), query.sizeOrDefault());
      model.addAttribute("result", result);
    } catch (IllegalArgumentException e) {
      model.addAttribute("problem", e.getMessage());
    }
    return "console/messages";
  }

  @GetMapping("/console/messages.csv")
  void csv(FilterQuery query, HttpServletResponse response) throws IOException {
    MessageFilter filter;
    try {
      filter = query.toFilter(clock.getZone());
    } catch (IllegalArgumentException e) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
      return;
    }
    String file = "swg-messages-" + FILE_TIME.format(clock.instant().atZone(clock.getZone())) + ".csv";
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"");
    Writer out = response.getWriter();
    CsvExport export = search.exportCsv(filter, out);
    out.flush();
    log.info("console: CSV export of {} messages{}", export.rows(), export.truncated() ? " (truncated)" : "");
  }
}
