package vn.customs.swg.console;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import vn.customs.swg.store.search.MessageDetail;
import vn.customs.swg.store.search.MessageSearch;
import vn.customs.swg.store.search.MessageSummary;

/**
 * One message, {@code GET /console/messages/{id}}: its metadata, the error codes with their English
 * and Vietnamese texts, the verdict on each signature, every state event (time, node, detail), its
 * delivery and attempts, the revocation evidence it was accepted on, and links to download its
 * bytes as received ({@code /original}) and as the gateway signed them ({@code /signed}). While a
 * message is still on its way the page reloads itself, so an operator who replayed it sees it
 * arrive. Downloads are attachments, never rendered by the browser.
 */
@Controller
public class MessageDetailController {

  /** States after which nothing more happens to a message without an operator. */
  static final Set<String> SETTLED = Set.of("ACCEPTED", "DISPATCHED", "REJECTED", "DELIVERED", "FAILED_DELIVERY");
  // What may go into a download's file name; a messageId is already this, anything else is replaced.
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

  private final MessageSearch search;

  public MessageDetailController(MessageSearch search) {
    this.search = search;
  }

  @GetMapping("/console/messages/{id}")
  String detail(@PathVariable long id, Model model, HttpServletResponse response) {
    Optional<MessageDetail> detail = search.detail(id);
    if (detail.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("id", id);
      return "console/no-message";
    }
    model.addAttribute("m", detail.get());
    model.addAttribute("settled", SETTLED.contains(detail.get().message().state()));
    return "console/message";
  }

  @GetMapping("/console/messages/{id}/original")
  ResponseEntity<byte[]> original(@PathVariable long id) {
    return download(id, search.originalBytes(id), "original");
  }

  @GetMapping("/console/messages/{id}/signed")
  ResponseEntity<byte[]> signed(@PathVariable long id) {
    return download(id, search.deliveredBytes(id), "signed");
  }

  private ResponseEntity<byte[]> download(long id, Optional<byte[]> bytes, String which) {
    if (bytes.isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    // the summary only: the detail would verify the gateway's signature again for a file name
    String messageId = search.summary(id).map(MessageSummary::messageId).orElse(null);
    String name = (messageId == null ? "message-" + id : UNSAFE.matcher(messageId).replaceAll("_")) + "-" + which + ".xml";
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_XML)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
        .body(bytes.get());
  }
}
