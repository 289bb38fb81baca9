package vn.customs.swg;

import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import vn.customs.swg.cli.PartnerCli;

/**
 * The gateway, and in the same jar the partner-developer CLI: {@code java -jar swg.jar sign|verify|send ...}
 * runs the CLI without starting the gateway.
 */
@SpringBootApplication
public class GatewayApplication {

  private static final Set<String> CLI_COMMANDS = Set.of("sign", "verify", "send", "help", "--help");

  public static void main(String[] args) {
    if (args.length > 0 && CLI_COMMANDS.contains(args[0])) {
      System.exit(PartnerCli.run(args));
    }
    SpringApplication.run(GatewayApplication.class, args);
  }
}
