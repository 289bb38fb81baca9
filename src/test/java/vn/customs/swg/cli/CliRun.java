package vn.customs.swg.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import vn.customs.swg.signature.MessageSigner;

/**
 * One run of the CLI with its exit code and both output streams captured, plus the dev PKI paths
 * (relative to the repository root, Maven's working directory for tests).
 */
record CliRun(int exitCode, String out, String err) {

  static final Path DEV = Path.of("certs/dev");
  static final Path ROOT_CA = DEV.resolve("root-ca.pem");
  static final Path VCB_KEYSTORE = DEV.resolve("partners/vcb/keystore.p12");
  static final Path ASW_ID = DEV.resolve("partners/asw-id");
  static final Path TAX_PAYMENT_NOTICE = Path.of("schemas/bank/tax-payment-notice/example.xml");
  static final Path ACDD = Path.of("schemas/asw/acdd/example.xml");

  static CliRun run(String... args) {
    return runAt(Clock.systemUTC(), args);
  }

  static CliRun runAt(Clock clock, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exitCode = PartnerCli.run(outStream, errStream, clock, args);
    }
    return new CliRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The gateway's signer, from the dev gateway keystore, as the gateway itself builds it. */
  static MessageSigner devGateway() {
    KeyMaterial gateway = KeyMaterial.fromKeystore(DEV.resolve("gateway/keystore.p12"), "changeit".toCharArray(), null);
    return new MessageSigner(gateway.privateKey(), gateway.keyInfoChain());
  }

  static List<String> lines(String text) {
    return text.lines().toList();
  }
}
