package vn.customs.swg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code verify}: checks every signature of an envelope or receipt and its certificate path to the
 * given CAs, one line per signature, then a receipt's status and errors. Exit 0 only when at least
 * one signature is present and every one verifies.
 */
@Command(name = "verify", sortOptions = false,
    description = "Verify the SenderSignature and SystemSignature of an envelope or receipt.")
final class VerifyCommand implements Callable<Integer> {

  @ParentCommand
  PartnerCli cli;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--ca", required = true, paramLabel = "<ca.pem>",
      description = "Trusted CA certificate(s) in PEM; repeat for more.")
  List<Path> caFiles;

  @Parameters(paramLabel = "<file.xml>", description = "The envelope or receipt to verify.")
  Path file;

  @Override
  public Integer call() throws IOException {
    EnvelopeChecker checker = new EnvelopeChecker(EnvelopeChecker.trusting(caFiles, "--ca"), cli.clock);
    byte[] bytes = Files.readAllBytes(file);
    List<EnvelopeChecker.Outcome> outcomes = checker.check(bytes);
    if (outcomes.isEmpty()) {
      cli.out.println("no SenderSignature or SystemSignature in " + file);
      return PartnerCli.FAILED;
    }
    outcomes.forEach(outcome -> cli.out.println(outcome.line()));
    ReceiptSummary receipt = ReceiptSummary.of(checker.parse(bytes));
    if (receipt != null) {
      cli.out.printf("%-16s %s%n", "refToMessageId", ReceiptSummary.printable(receipt.refToMessageId()));
      receipt.print(cli.out);
    }
    return outcomes.stream().allMatch(EnvelopeChecker.Outcome::verified) ? PartnerCli.OK : PartnerCli.FAILED;
  }
}
