package vn.customs.swg.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.actuate.endpoint.web.WebEndpointsSupplier;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import vn.customs.swg.testsupport.EndToEndTest;
import vn.customs.swg.testsupport.GatewayClient;
import vn.customs.swg.testsupport.OperatorLogin;

/**
 * Who gets into what, over real HTTP on both ports of a running gateway. The paths are discovered
 * from the application itself (its request mappings under /console and /api/admin, and every
 * operation of every exposed actuator endpoint but health and prometheus), so a page or endpoint
 * added later is covered without touching this test.
 */
@EndToEndTest
class OperatorSecurityIT {

  private static final Set<String> OPEN_ENDPOINTS = Set.of("health", "prometheus");

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
  @Autowired WebEndpointsSupplier endpoints;
  @Autowired PathMappedEndpoints paths;

  /** One method and concrete path to call, on the main port or the management port. */
  record Call(String method, String path, boolean management) {
    @Override
    public String toString() {
      return method + " " + path + (management ? " (management port)" : "");
    }
  }

  @Test
  void partnerCredentialsGet401Or403OnEveryAdminAndConsolePath() {
    List<Call> calls = protectedCalls();
    assertThat(calls).as("actuator operations discovered").anyMatch(Call::management);
    assertThat(calls).as("admin API mappings discovered").anyMatch(call -> call.path().startsWith("/api/admin/messages/"));
    for (Call call : calls) {
      assertThat(send(call, "Authorization", OperatorLogin.PARTNER_BEARER).statusCode())
          .as("%s with a partner's pull token", call).isIn(401, 403);
      assertThat(send(call).statusCode()).as("%s without credentials", call).isIn(401, 403);
      assertThat(send(call, "Authorization", new OperatorLogin("operator", "wrong-password").basic()).statusCode())
          .as("%s with a wrong operator password", call).isIn(401, 403);
    }
  }

  @Test
  void consoleNavigationWithoutSessionGoesToTheLoginPageButATokenGets401() {
    HttpResponse<byte[]> navigation = send(new Call("GET", "/console", false), "Accept", "text/html");
    assertThat(navigation.statusCode()).isEqualTo(302);
    assertThat(navigation.headers().firstValue("Location")).hasValueSatisfying(
        location -> assertThat(location).endsWith("/console/login"));

    HttpResponse<byte[]> withToken = send(new Call("GET", "/console", false),
        "Accept", "text/html", "Authorization", OperatorLogin.PARTNER_BEARER);
    assertThat(withToken.statusCode()).isEqualTo(401);
    assertThat(withToken.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void probesAndScrapersNeedNoLogin() {
    assertThat(paths.getPath(org.springframework.boot.actuate.endpoint.EndpointId.of("health")))
        .as("health is exposed").isNotNull();
    for (String open : OPEN_ENDPOINTS) {
      String path = paths.getPath(org.springframework.boot.actuate.endpoint.EndpointId.of(open));
      if (path != null) {
        assertThat(send(new Call("GET", path, true)).statusCode()).as(path).isEqualTo(200);
      }
    }
    assertThat(send(new Call("GET", "/actuator/health/liveness", true)).statusCode()).isEqualTo(200);
    assertThat(send(new Call("GET", "/actuator/health/readiness", true)).statusCode()).isEqualTo(200);
  }

  @Test
  void auditorsReadOperatorsAlsoReloadAndReplay() {
    Call trust = new Call("GET", "/actuator/trust", true);
    Call reload = new Call("POST", "/actuator/trust", true);
    Call replayAll = new Call("POST", "/actuator/deadletters", true);
    assertThat(send(trust, "Authorization", OperatorLogin.AUDITOR.basic()).statusCode()).isEqualTo(200);
    assertThat(send(reload, "Authorization", OperatorLogin.AUDITOR.basic()).statusCode()).isEqualTo(403);
    assertThat(send(replayAll, "Authorization", OperatorLogin.AUDITOR.basic()).statusCode()).isEqualTo(403);

    HttpResponse<byte[]> reloaded = send(reload, "Authorization", OperatorLogin.OPERATOR.basic());
    assertThat(reloaded.statusCode()).isEqualTo(200);
    assertThat(new String(reloaded.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"result\":\"SUCCESS\"");
    assertThat(send(replayAll, "Authorization", OperatorLogin.OPERATOR.basic()).statusCode()).isEqualTo(200);
  }

  @Test
  void anAuditorGets403OnEveryAdminWrite() {
    List<Call> writes = protectedCalls().stream()
        .filter(call -> !call.management() && call.path().startsWith("/api/admin") && !call.method().equals("GET"))
        .toList();
    assertThat(writes).anyMatch(call -> call.path().endsWith("/replay"));
    for (Call write : writes) {
      assertThat(send(write, "Authorization", OperatorLogin.AUDITOR.basic()).statusCode()).as("%s as auditor", write)
          .isEqualTo(403);
    }
  }

  @Test
  void operatorCredentialsDoNotOpenThePartnerInbox() {
    Call inbox = new Call("GET", "/api/v1/inbox", false);
    assertThat(send(inbox, "Authorization", OperatorLogin.OPERATOR.basic()).statusCode()).isEqualTo(401);
    assertThat(send(inbox, "Authorization", OperatorLogin.PARTNER_BEARER).statusCode()).isEqualTo(200);
  }

  @Test
  void theActuatorIsNotOnThePartnersPortAndTheManagementPortServesNothingElse() {
    assertThat(send(new Call("GET", "/actuator/trust", false), "Authorization", OperatorLogin.OPERATOR.basic())
        .statusCode()).isEqualTo(403);
    assertThat(send(new Call("GET", "/actuator/health", false)).statusCode()).isEqualTo(403);
    assertThat(send(new Call("GET", "/api/v1/inbox", true), "Authorization", OperatorLogin.PARTNER_BEARER)
        .statusCode()).isIn(401, 403);
    assertThat(send(new Call("GET", "/", false)).statusCode()).isEqualTo(403);
  }

  /** Every console and admin API mapping, every guarded actuator operation, and unmapped paths under them. */
  private List<Call> protectedCalls() {
    Set<Call> calls = new LinkedHashSet<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      for (String pattern : info.getPatternValues()) {
        if (pattern.startsWith("/console") || pattern.startsWith("/api/admin")) {
          for (String method : methods.isEmpty() ? List.of("GET", "POST") : methods.stream().map(Enum::name).toList()) {
            calls.add(new Call(method, concrete(pattern), false));
          }
        }
      }
    }
    for (String unmapped : List.of("/console", "/console/no-such-page", "/api/admin", "/api/admin/no-such-thing")) {
      calls.add(new Call("GET", unmapped, false));
      calls.add(new Call("POST", unmapped, false));
    }
    String base = paths.getBasePath();
    calls.add(new Call("GET", base, true));
    for (ExposableWebEndpoint endpoint : endpoints.getEndpoints()) {
      if (OPEN_ENDPOINTS.contains(endpoint.getEndpointId().toString())) {
        continue;
      }
      for (WebOperation operation : endpoint.getOperations()) {
        calls.add(new Call(operation.getRequestPredicate().getHttpMethod().name(),
            base + "/" + concrete(operation.getRequestPredicate().getPath()), true));
      }
    }
    return new ArrayList<>(calls);
  }

  /** A path pattern with its variables filled in ({id} and {*rest} become 1). */
  private static String concrete(String pattern) {
    return pattern.replaceAll("\\{\\*?[^}]+}", "1").replace("/**", "/1");
  }

  private HttpResponse<byte[]> send(Call call, String... headers) {
    return new GatewayClient(call.management() ? managementPort : port).send(call.method(), call.path(), headers);
  }
}
