package vn.customs.swg.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.customs.swg.delivery.DeadLetterReplay;
import vn.customs.swg.store.delivery.DeadLetter;
import vn.customs.swg.store.delivery.DeliveryAttempt;
import vn.customs.swg.store.delivery.DeliveryStore;

/**
 * Dead letters: {@code GET /console/dead-letters} lists the outbound deliveries that gave up
 * (FAILED_DELIVERY), most recently failed first, each with every attempt and its outcome, so an
 * operator sees why before replaying; {@code POST /console/dead-letters/{deliveryId}/replay} makes
 * one DELIVERING again, due now, with a fresh round of attempts (the store keeps the history), and
 * goes on to the message's page, where the operator sees it delivered. Only the OPERATOR role may
 * replay: the button is shown to it only, and the POST of anyone else is refused with 403 here,
 * whatever the security filter chain already did.
 */
@Controller
public class DeadLettersController {

  private static final Logger log = LoggerFactory.getLogger(DeadLettersController.class);

  /** Dead letters listed on the page. */
  static final int LIST_LIMIT = 100;

  /** One dead letter and its attempts, oldest first, across earlier replays. */
  public record DeadLetterView(DeadLetter letter, List<DeliveryAttempt> attempts) {}

  private final DeadLetterReplay deadLetters;
  private final DeliveryStore deliveries;

  public DeadLettersController(DeadLetterReplay deadLetters, DeliveryStore deliveries) {
    this.deadLetters = deadLetters;
    this.deliveries = deliveries;
  }

  @GetMapping("/console/dead-letters")
  String deadLetters(Model model) {
    List<DeadLetterView> letters = deadLetters.deadLetters(0, LIST_LIMIT).stream()
        .map(letter -> new DeadLetterView(letter, deliveries.attempts(letter.deliveryPk())))
        .toList();
    model.addAttribute("letters", letters);
    model.addAttribute("listLimit", LIST_LIMIT);
    return "console/dead-letters";
  }

  @PostMapping("/console/dead-letters/{deliveryId}/replay")
  String replay(@PathVariable long deliveryId, HttpServletRequest request, RedirectAttributes redirect) {
    ConsoleOperator operator = ConsoleOperator.of(request);
    if (!operator.mayReplay()) {
      log.warn("console: replay of delivery #{} refused to {}: not an OPERATOR", deliveryId, operator.name());
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only an OPERATOR may replay a dead letter");
    }
    DeadLetterReplay.Replay replay = deadLetters.replay(deliveryId, operator.name());
    switch (replay.result()) {
      case REPLAYED -> redirect.addFlashAttribute("notice", "Delivery #" + deliveryId
          + " is DELIVERING again: the delivery worker sends it at its next poll.");
      case NOT_DEAD -> redirect.addFlashAttribute("problem", "Delivery #" + deliveryId + " was not replayed: it is "
          + replay.state() + ", not a dead letter.");
      case UNKNOWN -> {
        redirect.addFlashAttribute("problem", "There is no delivery #" + deliveryId + ".");
        return "redirect:/console/dead-letters";
      }
    }
    // The message's page shows the replay's outcome as it happens.
    return "redirect:/console/messages/" + deliveries.find(deliveryId).orElseThrow().messagePk();
  }
}
