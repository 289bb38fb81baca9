package vn.customs.swg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import vn.customs.swg.config.GatewayProperties.Operator;
import vn.customs.swg.config.GatewayProperties.OperatorRole;
import vn.customs.swg.security.OperatorAccounts;

/** hash-password gives what gateway.operators takes, and never echoes the password. */
class HashPasswordCommandTest {

  private final InputStream stdin = System.in;

  @AfterEach
  void restoreStdin() {
    System.setIn(stdin);
  }

  @Test
  void printsABcryptHashTheOperatorAccountsAccept() {
    System.setIn(new ByteArrayInputStream("correct horse battery\n".getBytes(StandardCharsets.UTF_8)));

    CliRun run = CliRun.run("hash-password");

    assertThat(run.exitCode()).isZero();
    String hash = run.out().trim();
    assertThat(hash).startsWith("{bcrypt}$2a$10$").doesNotContain("horse");
    assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("correct horse battery", hash))
        .isTrue();
    assertThat(OperatorAccounts.of(Map.of("alice", new Operator(hash, OperatorRole.OPERATOR)))
        .loadUserByUsername("alice").getPassword()).isEqualTo(hash);
  }

  @Test
  void refusesAShortPassword() {
    System.setIn(new ByteArrayInputStream("short\n".getBytes(StandardCharsets.UTF_8)));

    CliRun run = CliRun.run("hash-password");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("at least 12 characters").doesNotContain("short\n");
    assertThat(run.out()).isEmpty();
  }
}
