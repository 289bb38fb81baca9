package vn.customs.swg.console;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.delivery.DeadLetterReplay;
import vn.customs.swg.trust.material.CertificateExpiryWatch;
import vn.customs.swg.trust.material.PartnerDirectory;

/**
 * The console's first page, {@code GET /console}: what is flowing (live counters per outcome,
 * direction and partner), what waits for an operator (dead letters) and what will soon stop
 * messages (certificates expiring within the warning window, a failed trust reload). The page is
 * complete as rendered; {@code console.js} then refreshes the counters every few seconds from
 * {@code GET /console/live}, so it works without JavaScript and stays current with it.
 */
@Controller
public class DashboardController {

  /** Dead letters counted for the dashboard; beyond this it says "more than". */
  static final int DEAD_LETTER_COUNT_LIMIT = 100;
  /** How often the page asks for fresh counters. */
  static final long REFRESH_MILLIS = 5_000;

  /**
   * What the live refresh answers.
   *
   * @param at when the counts were read
   * @param shownAt the same time as the page shows times (the gateway's zone, to the second)
   * @param counts the message counters of this node since it started
   * @param deadLetters deliveries waiting in FAILED_DELIVERY, at most {@link #DEAD_LETTER_COUNT_LIMIT}
   * @param moreDeadLetters there are more than {@code deadLetters}
   */
  public record Live(Instant at, String shownAt, LiveCounters.Counts counts, int deadLetters, boolean moreDeadLetters) {}

  private final LiveCounters counters;
  private final DeadLetterReplay deadLetters;
  private final PartnerDirectory directory;
  private final CertificateExpiryWatch expiryWatch;
  private final Clock clock;
  private final ConsoleTime time;

  public DashboardController(LiveCounters counters, DeadLetterReplay deadLetters, PartnerDirectory directory,
      CertificateExpiryWatch expiryWatch, Clock clock) {
    this.counters = counters;
    this.deadLetters = deadLetters;
    this.directory = directory;
    this.expiryWatch = expiryWatch;
    this.clock = clock;
    this.time = new ConsoleTime(clock);
  }

  @GetMapping({"/console", "/console/"})
  String dashboard(Model model) {
    model.addAttribute("live", live());
    model.addAttribute("outcomes", LiveCounters.OUTCOMES);
    model.addAttribute("refreshMillis", REFRESH_MILLIS);
    model.addAttribute("expiry", expiryWatch.report());
    model.addAttribute("trust", directory.status());
    return "console/dashboard";
  }

  @GetMapping("/console/live")
  @ResponseBody
  ResponseEntity<Live> refresh() {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(live());
  }

  private Live live() {
    List<String> partners = directory.current().all().stream().map(Partner::id).toList();
    int waiting = deadLetters.deadLetters(0, DEAD_LETTER_COUNT_LIMIT + 1).size();
    Instant now = clock.instant();
    return new Live(now, time.of(now), counters.read(partners), Math.min(waiting, DEAD_LETTER_COUNT_LIMIT),
        waiting > DEAD_LETTER_COUNT_LIMIT);
  }
}
