package vn.customs.swg.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.customs.swg.admission.Examples.utf8;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;

class SchemaRegistryTest {

  private static final String LICENCE_SCHEMA = "schemas/ministry/licence-result/licence-result-1.xsd";

  private final SchemaRegistry registry = new SchemaRegistry();
  private final SchemaRegistry testRegistry = new SchemaRegistry(getClass().getClassLoader(), "admission/schemas/");
  private final HardenedXmlParser parser = HardenedXmlParser.withDefaults();

  @Test
  void compilesEverySchemaInTheSchemasFolder() throws IOException {
    List<String> names;
    try (Stream<Path> files = Files.walk(Path.of("schemas"))) {
      names = files.filter(p -> p.toString().endsWith(".xsd"))
          .map(p -> p.toString().replace(File.separatorChar, '/'))
          .toList();
    }

    assertThat(names).hasSizeGreaterThanOrEqualTo(8);
    for (String name : names) {
      assertThat(registry.schema(name)).as(name).isNotNull();
    }
  }

  @Test
  void compilesEachSchemaOnlyOnce() {
    assertThat(registry.schema(LICENCE_SCHEMA)).isSameAs(registry.schema(LICENCE_SCHEMA));
  }

  @Test
  void resolvesRelativeImportsInsideTheSchemaFolder() {
    Element outer = element("<o:outer xmlns:o='urn:test:outer' xmlns:i='urn:test:inner'><i:code>1234</i:code></o:outer>");

    testRegistry.validate("admission/schemas/good/outer.xsd", outer, ErrorCode.ENV_004);
  }

  @Test
  void refusesImportFromRemoteLocation() {
    assertThatThrownBy(() -> testRegistry.schema("admission/schemas/evil/remote-import.xsd"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not a relative path");
  }

  @Test
  void refusesIncludeOfLocalFile() {
    assertThatThrownBy(() -> testRegistry.schema("admission/schemas/evil/file-import.xsd"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not a relative path");
  }

  @Test
  void refusesImportClimbingOutOfTheSchemaFolder() {
    assertThatThrownBy(() -> testRegistry.schema("admission/schemas/evil/escaping-import.xsd"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("leaves admission/schemas/");
  }

  @Test
  void refusesSchemaWithDoctype() {
    assertThatThrownBy(() -> testRegistry.schema("admission/schemas/evil/doctype.xsd"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void refusesSchemaOutsideTheSchemaFolder() {
    assertThatThrownBy(() -> testRegistry.schema("admission/outside.xsd"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not under");
    assertThatThrownBy(() -> testRegistry.schema("admission/schemas/../outside.xsd"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesMissingSchema() {
    assertThatThrownBy(() -> registry.schema("schemas/nothing/nothing-1.xsd"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not on the classpath");
  }

  @Test
  void reportsViolationWithCallersCodeAndLocation() {
    String xml = Examples.alter(Examples.LICENCE_RESULT, "<lr:hsCode>72082700</lr:hsCode>", "<lr:hsCode>7208.27</lr:hsCode>");
    Element body = bodyDocument(xml);

    assertThatThrownBy(() -> registry.validate(LICENCE_SCHEMA, body, ErrorCode.ENV_004))
        .isInstanceOfSatisfying(MessageRejectedException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(ErrorCode.ENV_004);
          assertThat(e.location()).isEqualTo("/swg:Envelope/swg:Body/lr:LicenceResult/lr:goods/lr:goodsLine[2]/lr:hsCode");
          assertThat(e.getMessage()).contains("hsCode").contains("7208.27");
        });
  }

  @Test
  void cutsLongValuesOutOfTheReason() {
    String secret = "A".repeat(3000);
    String xml = Examples.alter(Examples.LICENCE_RESULT, "<lr:hsCode>72082700</lr:hsCode>", "<lr:hsCode>" + secret + "</lr:hsCode>");

    assertThatThrownBy(() -> registry.validate(LICENCE_SCHEMA, bodyDocument(xml), ErrorCode.ENV_004))
        .isInstanceOfSatisfying(MessageRejectedException.class,
            e -> assertThat(e.getMessage()).doesNotContain("A".repeat(65)).hasSizeLessThan(600));
  }

  @Test
  void ignoresSchemaLocationHintsInTheInstance() {
    String xml = Examples.alter(Examples.LICENCE_RESULT, "<lr:LicenceResult xmlns:lr=\"urn:vn:customs:swg:licence-result:1\">",
        "<lr:LicenceResult xmlns:lr=\"urn:vn:customs:swg:licence-result:1\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
            + " xsi:schemaLocation=\"urn:vn:customs:swg:licence-result:1 http://127.0.0.1:9/evil.xsd\">");

    registry.validate(LICENCE_SCHEMA, bodyDocument(xml), ErrorCode.ENV_004);
  }

  @Test
  void validatesSafelyFromManyThreads() throws Exception {
    String good = Examples.example(Examples.LICENCE_RESULT);
    String bad = Examples.alter(Examples.LICENCE_RESULT, "<lr:decision>GRANTED</lr:decision>", "<lr:decision>MAYBE</lr:decision>");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String xml = i % 2 == 0 ? good : bad;
        results.add(pool.submit(() -> {
          try {
            registry.validate(LICENCE_SCHEMA, bodyDocument(xml), ErrorCode.ENV_004);
            return "valid";
          } catch (MessageRejectedException e) {
            return e.location();
          }
        }));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? "valid" : "/swg:Envelope/swg:Body/lr:LicenceResult/lr:decision");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private Element element(String xml) {
    return parser.parse(utf8(xml)).getDocumentElement();
  }

  private Element bodyDocument(String envelopeXml) {
    return new EnvelopeReader().read(parser.parse(utf8(envelopeXml)), null).bodyDocument();
  }
}
