package vn.customs.swg.console;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/**
 * Who is looking at the console and what they may do there: an OPERATOR may replay dead letters,
 * an AUDITOR only reads. Read from the request, where Spring Security puts the signed-in principal
 * and its roles, so a page shows the replay button exactly when the server would take the replay.
 * Without a principal nobody may do anything (fail closed).
 *
 * @param name the signed-in user name, or null
 * @param mayReplay holds the OPERATOR role
 */
public record ConsoleOperator(String name, boolean mayReplay) {

  static final String OPERATOR_ROLE = "OPERATOR";

  static ConsoleOperator of(HttpServletRequest request) {
    Principal principal = request.getUserPrincipal();
    if (principal == null) {
      return new ConsoleOperator(null, false);
    }
    return new ConsoleOperator(principal.getName(), request.isUserInRole(OPERATOR_ROLE));
  }

  public boolean signedIn() {
    return name != null;
  }
}
