package vn.customs.swg.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import vn.customs.swg.config.ConfigurationException;
import vn.customs.swg.config.GatewayProperties.Operator;
import vn.customs.swg.config.GatewayProperties.OperatorRole;

/**
 * The operator accounts of {@code gateway.operators}, as Spring Security sees them. It decides
 * which authorities each account holds: an AUDITOR holds {@value #AUDITOR}, an OPERATOR holds
 * {@value #OPERATOR} and {@value #AUDITOR} (an operator may do everything an auditor may, so every
 * read rule names the auditor role alone). Start-up fails with a sentence naming the key to fix
 * when a user name is not a plain lower-case name or a password is not a hash in the delegating
 * format ({@code {bcrypt}...}): a login that can never succeed is a configuration error, not a
 * surprise for the operator at 3 a.m. Passwords are never logged.
 */
public final class OperatorAccounts {

  /** Spring Security role names (without the ROLE_ prefix that hasRole adds). */
  public static final String AUDITOR = "AUDITOR";
  public static final String OPERATOR = "OPERATOR";

  private static final Pattern USER_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  // The encoders of PasswordEncoderFactories.createDelegatingPasswordEncoder().
  static final Set<String> KNOWN_ENCODERS = Set.of("bcrypt", "ldap", "MD4", "MD5", "noop", "pbkdf2",
      "pbkdf2@SpringSecurity_v5_8", "scrypt", "scrypt@SpringSecurity_v5_8", "SHA-1", "SHA-256",
      "sha256", "argon2", "argon2@SpringSecurity_v5_8");
  private static final Pattern ENCODER_ID = Pattern.compile("\\{([^{}]+)}.+", Pattern.DOTALL);

  private OperatorAccounts() {}

  /** The accounts, checked; an empty map gives a manager that knows nobody (fail closed). */
  public static InMemoryUserDetailsManager of(Map<String, Operator> operators) {
    List<UserDetails> users = new ArrayList<>();
    operators.forEach((name, operator) -> {
      String key = "gateway.operators." + name;
      if (!USER_NAME.matcher(name).matches()) {
        throw new ConfigurationException(key + ": a user name is 1-64 lower-case letters, digits, '.', '_'"
            + " or '-', starting with a letter or digit");
      }
      encoderOf(key, operator.password());
      users.add(User.withUsername(name)
          .password(operator.password())
          .roles(roles(operator.role()))
          .build());
    });
    return new InMemoryUserDetailsManager(users);
  }

  /** The encoder id of a stored password hash, e.g. {@code bcrypt}; fails if there is none. */
  public static String encoderOf(String key, String password) {
    var matcher = ENCODER_ID.matcher(password == null ? "" : password);
    if (!matcher.matches() || !KNOWN_ENCODERS.contains(matcher.group(1))) {
      throw new ConfigurationException(key + ".password: give the password's hash with its encoder id first,"
          + " e.g. {bcrypt}$2a$10$... (htpasswd -bnBC 10 \"\" <password> | tr -d ':' gives the bcrypt part)");
    }
    return matcher.group(1);
  }

  private static String[] roles(OperatorRole role) {
    return switch (role) {
      case AUDITOR -> new String[] {AUDITOR};
      case OPERATOR -> new String[] {AUDITOR, OPERATOR};
    };
  }
}
