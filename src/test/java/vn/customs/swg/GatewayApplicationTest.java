package vn.customs.swg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.customs.swg.cli.PartnerCli;

/** The jar's main runs the CLI for every CLI command, and the gateway for anything else. */
class GatewayApplicationTest {

  @Test
  void everyPartnerCommandRunsAsTheCliNotAsASecondGateway() {
    for (String command : new String[] {"sign", "verify", "send", "inbox", "serve", "hash-password", "verify-log", "help",
        "--help"}) {
      assertThat(PartnerCli.handles(command)).as(command).isTrue();
    }
    assertThat(PartnerCli.handles("--server.port=9090")).isFalse();
    assertThat(PartnerCli.handles("--spring.profiles.active=prod")).isFalse();
  }
}
