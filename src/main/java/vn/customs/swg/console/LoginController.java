package vn.customs.swg.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page, {@code GET /console/login}. Spring Security takes the form's POST to the same
 * path, checks the user against {@code gateway.operators} and comes back here with {@code ?error}
 * on bad credentials or {@code ?logout} after signing out; the page says which.
 */
@Controller
public class LoginController {

  @GetMapping("/console/login")
  String login() {
    return "console/login";
  }
}
