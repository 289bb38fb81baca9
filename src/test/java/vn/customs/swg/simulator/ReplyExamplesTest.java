package vn.customs.swg.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.swg.simulator.SimulatorFixture.ACDD;
import static vn.customs.swg.simulator.SimulatorFixture.ACDD_RESPONSE;
import static vn.customs.swg.simulator.SimulatorFixture.ADMISSION;
import static vn.customs.swg.simulator.SimulatorFixture.CATALOGUE;
import static vn.customs.swg.simulator.SimulatorFixture.DOSSIER_STATUS;
import static vn.customs.swg.simulator.SimulatorFixture.LICENCE_RESULT;
import static vn.customs.swg.simulator.SimulatorFixture.admit;
import static vn.customs.swg.simulator.SimulatorFixture.example;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.customs.swg.admission.AdmittedEnvelope;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.catalogue.MessageType;
import vn.customs.swg.config.GatewayProperties.Direction;

/**
 * The DOSSIER_STATUS and ACDD_RESPONSE examples: catalogued as outbound, valid against the envelope
 * and their body schema, replies to the request examples beside them, and what the simulator
 * actually answers to those requests (times and messageId aside).
 */
class ReplyExamplesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "DOSSIER_STATUS, " + DOSSIER_STATUS + ", dossier-status-1.xsd",
      "ACDD_RESPONSE, " + ACDD_RESPONSE + ", acdd-response-1.xsd"})
  void isACataloguedOutboundType(String name, String folder, String schemaFile) {
    MessageType type = CATALOGUE.find(name).orElseThrow();

    assertThat(type.direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(type.schema()).isEqualTo(folder + schemaFile);
    assertThat(type.example()).isEqualTo(folder + "example.xml");
    assertThat(type.queue()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "DOSSIER_STATUS, " + DOSSIER_STATUS + ", " + LICENCE_RESULT + ", MINISTRY/BCT",
      "ACDD_RESPONSE, " + ACDD_RESPONSE + ", " + ACDD + ", ASW_PARTNER/ID"})
  void isAValidUnsignedReplyToTheRequestExample(String name, String folder, String requestFolder, String devPartner) {
    AdmittedEnvelope reply = admit(example(folder));
    ADMISSION.validateBody(reply, CATALOGUE.find(name).orElseThrow().schema());
    EnvelopeHeader header = reply.header();
    EnvelopeHeader request = admit(example(requestFolder)).header();

    assertThat(header.messageType()).isEqualTo(name);
    assertThat(header.fromPartyType() + "/" + header.fromIdentity()).isEqualTo("CUSTOMS/TCHQ");
    assertThat(header.toPartyType() + "/" + header.toIdentity()).isEqualTo(devPartner)
        .isEqualTo(request.fromPartyType() + "/" + request.fromIdentity());
    assertThat(header.refToMessageId()).isEqualTo(request.messageId());
    assertThat(header.conversationId()).isEqualTo(request.conversationId());
    assertThat(header.messageId()).matches("TCHQ[0-9A-F]{32}");
    assertThat(header.sentAt().getOffset()).isEqualTo(ZoneOffset.ofHours(7));
    assertThat(header.sentAt()).isAfter(request.sentAt());
    assertThat(reply.signaturesElement()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "DOSSIER_STATUS, " + DOSSIER_STATUS + ", " + LICENCE_RESULT,
      "ACDD_RESPONSE, " + ACDD_RESPONSE + ", " + ACDD})
  void showsWhatTheSimulatorAnswersToTheRequestExample(String name, String folder, String requestFolder) {
    AdmittedEnvelope shown = admit(example(folder));
    AdmittedEnvelope answered = admit(SimulatorFixture.simulator().answer(example(requestFolder)).xml());

    assertThat(leaves(answered.bodyDocument())).isEqualTo(leaves(shown.bodyDocument()));
    EnvelopeHeader expected = shown.header();
    EnvelopeHeader actual = answered.header();
    assertThat(List.of(actual.toPartyType(), actual.toIdentity(), actual.refToMessageId(), actual.conversationId(),
        actual.function(), actual.documentReference(), actual.fromName()))
        .isEqualTo(List.of(expected.toPartyType(), expected.toIdentity(), expected.refToMessageId(),
            expected.conversationId(), expected.function(), expected.documentReference(), expected.fromName()));
  }

  // name=text of every leaf element in document order, times left out
  private static List<String> leaves(Element element) {
    List<String> leaves = new ArrayList<>();
    boolean leaf = true;
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        leaf = false;
        leaves.addAll(leaves(child));
      }
    }
    if (leaf && !element.getLocalName().endsWith("Time")) {
      leaves.add(element.getNamespaceURI() + ":" + element.getLocalName() + "=" + element.getTextContent());
    }
    return leaves;
  }
}
