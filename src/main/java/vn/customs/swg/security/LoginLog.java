package vn.customs.swg.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Leaves a line in the log for every failed operator login (console form, admin API or
 * management port) and every console login, with the user name as typed (clipped, and never the
 * password) and the client's address: an operator can then see who logged in and spot guessing.
 * Successful HTTP Basic requests are not logged one by one, each would be a login.
 */
public final class LoginLog {

  private static final Logger log = LoggerFactory.getLogger(LoginLog.class);
  private static final int NAME_WIDTH = 64;

  @EventListener
  public void failed(AbstractAuthenticationFailureEvent event) {
    log.warn("operator login failed for user '{}' from {}: {}", name(event.getAuthentication()),
        address(event.getAuthentication()), event.getException().getClass().getSimpleName());
  }

  @EventListener
  public void consoleLogin(InteractiveAuthenticationSuccessEvent event) {
    log.info("operator '{}' logged in to the console from {}", name(event.getAuthentication()),
        address(event.getAuthentication()));
  }

  private static String name(Authentication authentication) {
    String name = authentication == null ? null : authentication.getName();
    if (name == null) {
      return "";
    }
    // As typed: it may be anything, so no line breaks (log forging) and a bounded length.
    String clean = name.replaceAll("[\\p{Cntrl}]", "?");
    return clean.length() > NAME_WIDTH ? clean.substring(0, NAME_WIDTH) + "..." : clean;
  }

  private static String address(Authentication authentication) {
    return authentication != null && authentication.getDetails() instanceof WebAuthenticationDetails details
        ? details.getRemoteAddress() : "unknown";
  }
}
