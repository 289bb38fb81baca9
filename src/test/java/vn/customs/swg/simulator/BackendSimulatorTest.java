package vn.customs.swg.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.customs.swg.simulator.SimulatorFixture.ACDD;
import static vn.customs.swg.simulator.SimulatorFixture.ADMISSION;
import static vn.customs.swg.simulator.SimulatorFixture.CATALOGUE;
import static vn.customs.swg.simulator.SimulatorFixture.EFORM_D;
import static vn.customs.swg.simulator.SimulatorFixture.LICENCE_RESULT;
import static vn.customs.swg.simulator.SimulatorFixture.TAX_PAYMENT_CONFIRMATION;
import static vn.customs.swg.simulator.SimulatorFixture.TAX_PAYMENT_NOTICE;
import static vn.customs.swg.simulator.SimulatorFixture.admit;
import static vn.customs.swg.simulator.SimulatorFixture.alter;
import static vn.customs.swg.simulator.SimulatorFixture.example;
import static vn.customs.swg.simulator.SimulatorFixture.forwarded;

import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.admission.AdmittedEnvelope;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.schema.dossier.DossierStatus;

/**
 * Every reply, whatever the decision, must pass the gateway's own envelope and body checks and go
 * back to the sender of the request it answers.
 */
class BackendSimulatorTest {

  private final BackendSimulator simulator = SimulatorFixture.simulator();

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of("granted licence", example(LICENCE_RESULT), "DOSSIER_STATUS", "CLEARED"),
        Arguments.of("refused licence", alter(example(LICENCE_RESULT),
            "<lr:decision>GRANTED</lr:decision>", "<lr:decision>REFUSED</lr:decision>"), "DOSSIER_STATUS", "HELD"),
        Arguments.of("exact payment", example(TAX_PAYMENT_NOTICE), "TAX_PAYMENT_CONFIRMATION", "MATCHED"),
        Arguments.of("short payment", alter(example(TAX_PAYMENT_NOTICE),
            "<tpn:amount>20000</tpn:amount>", "<tpn:amount>10000</tpn:amount>"),
            "TAX_PAYMENT_CONFIRMATION", "AMOUNT_MISMATCH"),
        Arguments.of("unknown declaration", alter(example(TAX_PAYMENT_NOTICE),
            "<tpn:declarationNumber>107123456789<", "<tpn:declarationNumber>107000000001<"),
            "TAX_PAYMENT_CONFIRMATION", "NOT_FOUND"),
        Arguments.of("e-Form D", example(EFORM_D), "EFORM_D_STATUS", "ACCEPTED"),
        Arguments.of("e-Form D of another country", alter(example(EFORM_D),
            "<fd:issuingCountry>ID<", "<fd:issuingCountry>TH<"), "EFORM_D_STATUS", "REJECTED"),
        Arguments.of("ACDD", example(ACDD), "ACDD_RESPONSE", "ACCEPTED"),
        Arguments.of("ACDD for another country", alter(example(ACDD),
            "<acdd:destinationCountry>VN<", "<acdd:destinationCountry>TH<"), "ACDD_RESPONSE", "REJECTED"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void answersTheSenderWithAnUnsignedReplyValidAgainstTheEnvelopeAndBodySchemas(
      String name, String request, String replyType, String decision) {
    EnvelopeHeader asked = admit(request).header();

    SimulatedReply reply = simulator.answer(forwarded(request));

    AdmittedEnvelope answered = admit(reply.xml());
    ADMISSION.validateBody(answered, CATALOGUE.find(replyType).orElseThrow().schema());
    EnvelopeHeader header = answered.header();
    assertThat(reply.header()).isEqualTo(header);
    assertThat(reply.status()).isEqualTo(decision);
    assertThat(answered.bodyDocument().getElementsByTagNameNS("*", "status").item(0).getTextContent())
        .isEqualTo(decision);
    assertThat(header.messageType()).isEqualTo(replyType);
    assertThat(header.function()).isEqualTo("RESULT");
    assertThat(header.fromPartyType() + "/" + header.fromIdentity()).isEqualTo("CUSTOMS/TCHQ");
    assertThat(header.toPartyType() + "/" + header.toIdentity())
        .isEqualTo(asked.fromPartyType() + "/" + asked.fromIdentity());
    assertThat(header.refToMessageId()).isEqualTo(asked.messageId());
    assertThat(header.conversationId()).isNotNull().isEqualTo(asked.conversationId());
    assertThat(header.messageId()).matches("TCHQ[0-9A-F]{32}");
    assertThat(header.sentAt().getOffset()).isEqualTo(ZoneOffset.ofHours(7));
    assertThat(header.sentAt()).isEqualTo("2026-11-22T23:41:09+07:00");
    assertThat(answered.signaturesElement()).as("back-ends do not sign").isNull();
    assertThat(answered.routingElement()).as("Routing is the gateway's").isNull();
  }

  @Test
  void givesEveryReplyItsOwnMessageId() {
    String request = forwarded(example(EFORM_D));

    assertThat(simulator.answer(request).header().messageId())
        .isNotEqualTo(simulator.answer(request).header().messageId());
  }

  @Test
  void writesTheBodyWithTheExamplesPrefix() {
    assertThat(simulator.answer(forwarded(example(TAX_PAYMENT_NOTICE))).xml())
        .contains("<tpc:TaxPaymentConfirmation xmlns:tpc=\"urn:vn:customs:swg:tax-payment-confirmation:1\">");
  }

  @Test
  void answersAnEnvelopeWithoutConversationWithoutOne() {
    String request = alter(example(ACDD), "<swg:conversationId>0004521/JKT/2026</swg:conversationId>", "");

    assertThat(simulator.answer(request).header().conversationId()).isNull();
  }

  @Test
  void refusesATypeNoBackEndAnswers() {
    assertThatThrownBy(() -> simulator.answer(example(TAX_PAYMENT_CONFIRMATION)))
        .isInstanceOf(UnansweredMessageException.class)
        .hasMessageContaining("no back-end answers TAX_PAYMENT_CONFIRMATION");
  }

  @Test
  void refusesABodyThatIsNotTheDocumentOfItsType() {
    String noticeCalledLicence = alter(example(TAX_PAYMENT_NOTICE),
        "<swg:messageType>TAX_PAYMENT_NOTICE<", "<swg:messageType>LICENCE_RESULT<");

    assertThatThrownBy(() -> simulator.answer(noticeCalledLicence))
        .isInstanceOf(UnansweredMessageException.class)
        .hasMessageContaining("the body is not a LicenceResult document");
  }

  @Test
  void refusesTextThatIsNotAnEnvelope() {
    assertThatThrownBy(() -> simulator.answer("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"))
        .isInstanceOf(MessageRejectedException.class);
  }

  @Test
  void sendsNothingWhenItsOwnReplyBreaksTheSchema() {
    EnvelopeHeader request = admit(example(LICENCE_RESULT)).header();
    Answer incomplete = new Answer("DOSSIER_STATUS", "BCT0800001-2026-004512", "CLEARED", new DossierStatus());

    assertThatThrownBy(() -> simulator.reply(request, incomplete))
        .isInstanceOf(UnansweredMessageException.class)
        .hasMessageContaining("simulator bug")
        .hasMessageContaining("DOSSIER_STATUS reply to BCT4260F0C4781A478EBC5D1BA19AB9F818 is invalid");
  }

  @Test
  void sendsOnlyTypesTheCatalogueListsAsOutbound() {
    EnvelopeHeader request = admit(example(LICENCE_RESULT)).header();
    Answer inboundType = new Answer("LICENCE_RESULT", null, "GRANTED", new DossierStatus());

    assertThatThrownBy(() -> simulator.reply(request, inboundType))
        .isInstanceOf(UnansweredMessageException.class)
        .hasMessageContaining("no outbound message type LICENCE_RESULT");
  }
}
