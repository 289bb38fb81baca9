package vn.customs.swg.console;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page needs besides its own data: the signed-in operator (name for the header,
 * role for the replay button) and the time formatter. Applies to the console's controllers only.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
public class ConsoleModel {

  private final ConsoleTime time;

  public ConsoleModel(Clock clock) {
    this.time = new ConsoleTime(clock);
  }

  @ModelAttribute("operator")
  ConsoleOperator operator(HttpServletRequest request) {
    return ConsoleOperator.of(request);
  }

  @ModelAttribute("time")
  ConsoleTime time() {
    return time;
  }
}
