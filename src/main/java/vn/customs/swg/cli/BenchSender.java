package vn.customs.swg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.bench.LoadRun.Submission;
import vn.customs.swg.signature.SenderSigner;

/**
 * One sender of the bench's message mix: a dev partner's key signing copies of one example
 * envelope, each with a fresh messageId and sentAt ({@link FreshReference}), and with
 * {@code From/identity} replaced when the spec names one (bidv sends the Vietcombank example
 * as its own). Written {@code <partner>[:<identity>]=<example.xml>}; the key is the partner's
 * keystore under the dev PKI, {@code partners/<partner>/keystore.p12}.
 */
public record BenchSender(String partner, String identity, Path example, byte[] exampleBytes, KeyMaterial key) {

  /** The dev partners and the inbound types each may send (application-dev.yml). */
  public static final List<String> DEV_MIX = List.of(
      "moit=schemas/ministry/licence-result/example.xml",
      "vcb=schemas/bank/tax-payment-notice/example.xml",
      "bidv:01202001=schemas/bank/tax-payment-notice/example.xml",
      "asw-id=schemas/asw/eform-d/example.xml",
      "asw-id=schemas/asw/acdd/example.xml");

  private static final HardenedXmlParser PARSER = HardenedXmlParser.withDefaults();

  public static BenchSender parse(String spec, Path devPki, char[] password) {
    int equals = spec.indexOf('=');
    if (equals <= 0 || equals == spec.length() - 1) {
      throw new IllegalArgumentException("--sender " + spec + ": write <partner>[:<identity>]=<example.xml>");
    }
    String who = spec.substring(0, equals);
    int colon = who.indexOf(':');
    String partner = colon < 0 ? who : who.substring(0, colon);
    String identity = colon < 0 ? null : who.substring(colon + 1);
    Path example = Path.of(spec.substring(equals + 1));
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(example);
    } catch (IOException e) {
      throw new IllegalArgumentException("--sender " + spec + ": cannot read " + example, e);
    }
    Path keystore = devPki.resolve("partners").resolve(partner).resolve("keystore.p12");
    return new BenchSender(partner, identity, example, bytes, KeyMaterial.fromKeystore(keystore, password.clone(), null));
  }

  /** One fresh, signed copy of the example. */
  public Submission sign(Clock clock) {
    Document envelope = PARSER.parse(exampleBytes);
    if (identity != null) {
      Element from = EnvelopeParts.find(envelope, "Header", "From", "identity");
      if (from == null) {
        throw new IllegalArgumentException(example + " has no Header/From/identity to replace");
      }
      from.setTextContent(identity);
    }
    String messageId = FreshReference.apply(envelope, clock);
    new SenderSigner().sign(envelope, key.privateKey(), key.keyInfoChain());
    return new Submission(partner, messageId, XmlOutput.toBytes(envelope));
  }

  /** {@code count} submissions, the senders taking turns, signed on every core. */
  public static List<Submission> presign(List<BenchSender> senders, int count, Clock clock) {
    return IntStream.range(0, count).parallel()
        .mapToObj(i -> senders.get(i % senders.size()).sign(clock)).toList();
  }
}
