package vn.customs.swg;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import vn.customs.swg.cli.PartnerCli;

/**
 * The gateway, and in the same jar the partner-developer CLI: {@code java -jar swg.jar
 * sign|verify|send|inbox|serve|verify-log ...} runs the CLI without starting the gateway: whatever the
 * first argument names a command of {@link PartnerCli}.
 */
@SpringBootApplication
public class GatewayApplication {

  public static void main(String[] args) {
    if (args.length > 0 && PartnerCli.handles(args[0])) {
      System.exit(PartnerCli.run(args));
    }
    SpringApplication.run(GatewayApplication.class, args);
  }
}
