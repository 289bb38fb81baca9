package vn.customs.swg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.w3c.dom.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.admission.HardenedXmlParser;

/** {@code sign}: adds the sender signature (ENVELOPE.md section 2) and writes the envelope out. */
@Command(name = "sign", sortOptions = false,
    description = "Sign an envelope with the sender profile (Header and Body, exclusive C14N).")
final class SignCommand implements Callable<Integer> {

  @ParentCommand
  PartnerCli cli;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Mixin
  SigningOptions signing;

  @Option(names = "--output", paramLabel = "<file>", description = "Write here instead of standard output.")
  Path output;

  @Parameters(paramLabel = "<envelope.xml>", description = "The envelope to sign.")
  Path envelope;

  @Override
  public Integer call() throws IOException {
    Document document = HardenedXmlParser.withDefaults().parse(Files.readAllBytes(envelope));
    String messageId = signing.sign(document, cli.clock);
    byte[] signed = XmlOutput.toBytes(document);
    if (output == null) {
      cli.out.write(signed);
      cli.out.flush();
    } else {
      Files.write(output, signed);
      cli.out.println("signed " + messageId + " -> " + output);
    }
    return PartnerCli.OK;
  }
}
