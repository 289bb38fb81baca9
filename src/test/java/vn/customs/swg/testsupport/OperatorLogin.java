package vn.customs.swg.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The dev operator accounts of application-dev.yml, for tests that call the admin API or the
 * protected actuator endpoints, and the dev partner credential that must open none of them.
 */
public record OperatorLogin(String username, String password) {

  /** Reads everything, changes nothing. */
  public static final OperatorLogin AUDITOR = new OperatorLogin("auditor", "dev-only-auditor");
  /** Reads, and may replay dead letters and reload trust material. */
  public static final OperatorLogin OPERATOR = new OperatorLogin("operator", "dev-only-operator");

  /** moit's pull-inbox token (application-dev.yml), as a partner sends it: never an operator login. */
  public static final String PARTNER_BEARER = "Bearer dev-only-moit-pull-token";

  /** The value of an {@code Authorization} header logging in with HTTP Basic. */
  public String basic() {
    return "Basic " + Base64.getEncoder()
        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
