package vn.customs.swg.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Matches every request that arrived on the management server (the actuator's own port, a child
 * application context whose web server namespace is {@code management}), whatever its path. Spring
 * Boot runs the main context's security filter chain on that port too, and its
 * {@code EndpointRequest} matchers match only endpoint paths there: a request for any other path
 * on the management port would fall through to the main port's chains. Matching the whole port
 * first keeps the two apart: on the management port only the management rules apply.
 */
public final class ManagementServerRequest implements RequestMatcher {

  static final String NAMESPACE = "management";

  @Override
  public boolean matches(HttpServletRequest request) {
    WebApplicationContext context =
        WebApplicationContextUtils.getWebApplicationContext(request.getServletContext());
    return context instanceof WebServerApplicationContext server
        && WebServerApplicationContext.hasServerNamespace(server, NAMESPACE);
  }

  @Override
  public String toString() {
    return "ManagementServerRequest";
  }
}
