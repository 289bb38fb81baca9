package vn.customs.swg.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import vn.customs.swg.config.ConfigurationException;
import vn.customs.swg.config.GatewayProperties.Operator;
import vn.customs.swg.config.GatewayProperties.OperatorRole;

/** Operator accounts from configuration: roles, and a refusal for what could never log in. */
class OperatorAccountsTest {

  private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

  @Test
  void anOperatorMayDoWhatAnAuditorMayAndMore() {
    InMemoryUserDetailsManager accounts = OperatorAccounts.of(Map.of(
        "alice", new Operator(ENCODER.encode("a-long-secret"), OperatorRole.AUDITOR),
        "bob", new Operator(ENCODER.encode("another-secret"), OperatorRole.OPERATOR)));

    assertThat(accounts.loadUserByUsername("alice").getAuthorities()).extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_AUDITOR");
    assertThat(accounts.loadUserByUsername("bob").getAuthorities()).extracting(GrantedAuthority::getAuthority)
        .containsExactlyInAnyOrder("ROLE_AUDITOR", "ROLE_OPERATOR");
    assertThat(ENCODER.matches("a-long-secret", accounts.loadUserByUsername("alice").getPassword())).isTrue();
  }

  @Test
  void aPasswordWithoutItsEncoderIdIsRefusedWithTheKeyToFix() {
    assertThatThrownBy(() -> OperatorAccounts.of(Map.of("alice", new Operator("plain-secret", OperatorRole.AUDITOR))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("gateway.operators.alice.password")
        .hasMessageContaining("{bcrypt}")
        .hasMessageNotContaining("plain-secret");
  }

  @Test
  void anUnknownEncoderIsRefused() {
    assertThatThrownBy(() -> OperatorAccounts.of(Map.of("alice", new Operator("{rot13}frperg", OperatorRole.AUDITOR))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("gateway.operators.alice.password");
  }

  @Test
  void aUserNameMustBeAPlainName() {
    assertThatThrownBy(() -> OperatorAccounts.of(Map.of("Alice Admin", new Operator(ENCODER.encode("x"), OperatorRole.AUDITOR))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("gateway.operators.Alice Admin: a user name is");
  }

  @Test
  void operatorSettingsNeverPrintThePassword() {
    assertThat(new Operator("{noop}secret", OperatorRole.OPERATOR).toString()).doesNotContain("secret");
  }
}
