package vn.customs.swg.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A state-changing request (not GET, HEAD, OPTIONS or TRACE) sent by a web browser, recognised by
 * the {@code Origin} or {@code Sec-Fetch-Site} header that browsers add and scripts (curl, HTTP
 * clients) do not. The admin API authenticates with HTTP Basic and has no CSRF token, and a browser
 * replays cached Basic credentials on any site's form post; refusing browser writes there closes
 * that door. Operators in a browser use the console, which has CSRF protection.
 */
public final class BrowserWrite implements RequestMatcher {

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  @Override
  public boolean matches(HttpServletRequest request) {
    return !SAFE.contains(request.getMethod())
        && (request.getHeader("Origin") != null || request.getHeader("Sec-Fetch-Site") != null);
  }

  @Override
  public String toString() {
    return "BrowserWrite";
  }
}
