package vn.customs.swg.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.w3c.dom.Document;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.admission.HardenedXmlParser;

/**
 * Outbound envelopes as the gateway delivers them: a committed example with a fresh messageId and
 * sentAt, counter-signed with the dev gateway key (no sender signature: back-ends need not sign).
 */
final class GatewayEnvelopes {

  static final Path TAX_PAYMENT_CONFIRMATION = Path.of("schemas/bank/tax-payment-confirmation/example.xml");
  static final Path DOSSIER_STATUS = Path.of("schemas/ministry/dossier-status/example.xml");
  static final Path GATEWAY_CA = Path.of("certs/dev/ca/gateway-ca.pem");
  static final Path PUBLIC_CA = Path.of("certs/dev/ca/public-ca.pem");

  private GatewayEnvelopes() {}

  /** The example, fresh and signed by the gateway. */
  static byte[] signed(Path example) {
    Document document = fresh(example);
    CliRun.devGateway().signAsGateway(document);
    return XmlOutput.toBytes(document);
  }

  /** The example, fresh and not signed at all. */
  static byte[] unsigned(Path example) {
    return XmlOutput.toBytes(fresh(example));
  }

  static String messageId(byte[] envelope) {
    return EnvelopeParts.text(HardenedXmlParser.withDefaults().parse(envelope), "Header", "Reference", "messageId");
  }

  /** The same bytes with one text changed after signing: the digest of Body no longer matches. */
  static byte[] tampered(byte[] envelope, String from, String to) {
    String xml = new String(envelope, StandardCharsets.UTF_8);
    if (!xml.contains(from)) {
      throw new IllegalArgumentException("nothing to tamper with: " + from);
    }
    return xml.replace(from, to).getBytes(StandardCharsets.UTF_8);
  }

  private static Document fresh(Path example) {
    try {
      Document document = HardenedXmlParser.withDefaults().parse(Files.readAllBytes(example));
      FreshReference.apply(document, Clock.systemUTC());
      return document;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
