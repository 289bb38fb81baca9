package vn.customs.swg.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The examples are what partner developers copy first: each must pass admission and its body
 * schema, and come from the party the catalogue expects.
 */
class ExampleMessagesTest {

  // who sends each first-class type, as From partyType/identity (ARCHITECTURE.md dev partners)
  private static final Map<String, String> SENDERS = Map.of(
      "LICENCE_RESULT", "MINISTRY/BCT",
      "TAX_PAYMENT_NOTICE", "BANK/01203001",
      "TAX_PAYMENT_CONFIRMATION", "CUSTOMS/TCHQ",
      "EFORM_D", "ASW_PARTNER/ID",
      "EFORM_D_STATUS", "CUSTOMS/TCHQ",
      "DOSSIER_STATUS", "CUSTOMS/TCHQ",
      "ACDD_RESPONSE", "CUSTOMS/TCHQ",
      "ACDD", "ASW_PARTNER/ID");

  // the examples carry fixed sentAt times; clock skew is tested in EnvelopeAdmissionTest
  private final EnvelopeAdmission admission = new EnvelopeAdmission(HardenedXmlParser.withDefaults(),
      new SchemaRegistry(), EnvelopeAdmission.ENVELOPE_SCHEMA, Duration.ofDays(36500),
      Clock.fixed(Instant.parse("2026-11-22T16:41:07Z"), ZoneOffset.UTC));

  @Test
  void everyExampleIsValidAgainstItsSchemas() throws IOException {
    List<Path> examples = examples();

    assertThat(examples).hasSize(SENDERS.size());
    for (Path example : examples) {
      AdmittedEnvelope envelope = admission.admit(Files.readAllBytes(example));
      admission.validateBody(envelope, bodySchemaBeside(example));

      EnvelopeHeader header = envelope.header();
      assertThat(header.fromPartyType() + "/" + header.fromIdentity()).as(example.toString())
          .isEqualTo(SENDERS.get(header.messageType()));
      assertThat(header.messageId()).as(example.toString()).matches(header.fromIdentity() + "[0-9A-F]{32}");
      assertThat(header.sentAt().getOffset()).isEqualTo(ZoneOffset.ofHours(7));
      assertThat(envelope.signaturesElement()).as("examples are unsigned").isNull();
      if (header.fromPartyType().equals("CUSTOMS")) {
        assertThat(header.refToMessageId()).as(example + " is a reply").isNotNull();
      } else {
        assertThat(header.toPartyType() + "/" + header.toIdentity()).isEqualTo("CUSTOMS/TCHQ");
      }
    }
  }

  @Test
  void everyBodySchemaHasAnExample() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("schemas"))) {
      List<Path> bodySchemaFolders = files
          .filter(p -> p.toString().endsWith(".xsd"))
          .map(Path::getParent)
          .filter(folder -> !List.of("envelope", "receipt", "w3c").contains(folder.getFileName().toString()))
          .toList();
      assertThat(bodySchemaFolders).isNotEmpty()
          .allSatisfy(folder -> assertThat(folder.resolve("example.xml")).exists());
    }
  }

  private static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("schemas"))) {
      return files.filter(p -> p.getFileName().toString().equals("example.xml")).sorted().toList();
    }
  }

  private static String bodySchemaBeside(Path example) throws IOException {
    try (Stream<Path> files = Files.list(example.getParent())) {
      List<Path> schemas = files.filter(p -> p.toString().endsWith(".xsd")).toList();
      assertThat(schemas).as("one body schema beside " + example).hasSize(1);
      return schemas.get(0).toString().replace(File.separatorChar, '/');
    }
  }
}
