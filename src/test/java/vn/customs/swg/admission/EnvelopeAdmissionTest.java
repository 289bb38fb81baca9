package vn.customs.swg.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.customs.swg.admission.Examples.TAX_PAYMENT_NOTICE;
import static vn.customs.swg.admission.Examples.alter;
import static vn.customs.swg.admission.Examples.utf8;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;

class EnvelopeAdmissionTest {

  private static final String NOTICE_SCHEMA = "schemas/bank/tax-payment-notice/tax-payment-notice-1.xsd";
  private static final String LICENCE_SCHEMA = "schemas/ministry/licence-result/licence-result-1.xsd";
  private static final String DS = "http://www.w3.org/2000/09/xmldsig#";
  private static final String BODY_END = "</swg:Body>";
  // the notice example says sentAt 2026-11-22T23:41:07+07:00
  private static final Instant NOW = Instant.parse("2026-11-22T16:42:00Z");

  private final SchemaRegistry schemas = new SchemaRegistry();
  private final EnvelopeAdmission admission = admissionAt(NOW);

  @Test
  void admitsTaxPaymentNoticeAndReadsItsHeader() {
    byte[] bytes = utf8(Examples.example(TAX_PAYMENT_NOTICE));

    AdmittedEnvelope envelope = admission.admit(bytes);

    assertThat(envelope.header()).isEqualTo(new EnvelopeHeader("1.0", "01203001F04F73C2E95143E0B0310AC67548E021",
        "TAX-107123456789", null, OffsetDateTime.parse("2026-11-22T23:41:07+07:00"), "BANK", "01203001",
        "Ngân hàng TMCP Ngoại thương Việt Nam", "CUSTOMS", "TCHQ", "0201234567", "TAX_PAYMENT_NOTICE", "NOTIFY",
        "FT26326000123456"));
    assertThat(envelope.headerElement().getAttribute("Id")).isEqualTo("header");
    assertThat(envelope.bodyElement().getAttribute("Id")).isEqualTo("body");
    assertThat(envelope.bodyDocument().getLocalName()).isEqualTo("TaxPaymentNotice");
    assertThat(envelope.routingElement()).isNull();
    assertThat(envelope.signaturesElement()).isNull();
    assertThat(envelope.bytes()).isSameAs(bytes);
    admission.validateBody(envelope, NOTICE_SCHEMA);
  }

  @Test
  void admitsSenderSignatureForTheSignatureStepToCheck() {
    String signed = alter(TAX_PAYMENT_NOTICE, BODY_END, BODY_END
        + "<swg:Signatures><swg:SenderSignature><ds:Signature xmlns:ds='" + DS + "' Id='sender-signature'>"
        + "<ds:SignedInfo/></ds:Signature></swg:SenderSignature></swg:Signatures>");

    AdmittedEnvelope envelope = admission.admit(utf8(signed));

    assertThat(envelope.signaturesElement().getLocalName()).isEqualTo("Signatures");
  }

  @Test
  void admitsEnvelopeInDefaultNamespace() {
    String xml = Examples.example(TAX_PAYMENT_NOTICE)
        .replace("xmlns:swg=", "xmlns=").replace("<swg:", "<").replace("</swg:", "</");

    assertThat(admission.admit(utf8(xml)).header().messageType()).isEqualTo("TAX_PAYMENT_NOTICE");
  }

  @Test
  void rejectsMessageOverByteLimit() {
    EnvelopeAdmission small = new EnvelopeAdmission(new HardenedXmlParser(1024, 64, 32), schemas,
        EnvelopeAdmission.ENVELOPE_SCHEMA, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

    assertThatThrownBy(() -> small.admit(utf8(Examples.example(TAX_PAYMENT_NOTICE))))
        .isInstanceOfSatisfying(MessageRejectedException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ENV_005));
  }

  @Test
  void rejectsMalformedXml() {
    assertRejected(Examples.example(TAX_PAYMENT_NOTICE).replace("</swg:Envelope>", ""), ErrorCode.ENV_001);
  }

  @Test
  void rejectsDoctypeWithEntity() {
    assertRejected(alter(TAX_PAYMENT_NOTICE, "<swg:Envelope ", "<!DOCTYPE swg:Envelope [<!ENTITY e 'x'>]><swg:Envelope "),
        ErrorCode.ENV_001);
  }

  @Test
  void rejectsForeignRootElement() {
    assertRejected("<Envelope xmlns='urn:vn:customs:swg:envelope:2' version='1.0'/>", ErrorCode.ENV_002)
        .hasMessageContaining("root element");
  }

  @Test
  void rejectsUnsupportedVersion() {
    assertRejected(alter(TAX_PAYMENT_NOTICE, "envelope:1\" version=\"1.0\"", "envelope:1\" version=\"2.0\""), ErrorCode.ENV_003);
  }

  @Test
  void rejectsMissingVersion() {
    assertRejected(alter(TAX_PAYMENT_NOTICE, "envelope:1\" version=\"1.0\"", "envelope:1\""), ErrorCode.ENV_003);
  }

  @Test
  void rejectsRoutingSentByPartner() {
    String xml = alter(TAX_PAYMENT_NOTICE, BODY_END, BODY_END + "<swg:Routing Id='routing'><swg:gatewayId>swg-node-1</swg:gatewayId>"
        + "<swg:receivedAt>2026-11-22T23:41:07.412+07:00</swg:receivedAt><swg:channel>HTTP</swg:channel>"
        + "<swg:partner>vcb</swg:partner><swg:destination>customs.payments.in</swg:destination></swg:Routing>");

    assertRejected(xml, ErrorCode.ENV_007)
        .satisfies(e -> assertThat(((MessageRejectedException) e).location()).isEqualTo("/swg:Envelope/swg:Routing"));
  }

  @Test
  void rejectsSystemSignatureSentByPartner() {
    String xml = alter(TAX_PAYMENT_NOTICE, BODY_END, BODY_END + "<swg:Signatures><swg:SystemSignature>"
        + "<ds:Signature xmlns:ds='" + DS + "'/></swg:SystemSignature></swg:Signatures>");

    assertRejected(xml, ErrorCode.ENV_007);
  }

  @Test
  void rejectsRoutingHiddenInsideTheBodyDocument() {
    String xml = alter(TAX_PAYMENT_NOTICE, "<tpn:remarks>", "<swg:Routing Id='routing'/><tpn:remarks>");

    assertRejected(xml, ErrorCode.ENV_007);
  }

  @Test
  void rejectsMissingMessageId() {
    String xml = Examples.example(TAX_PAYMENT_NOTICE)
        .replace("<swg:messageId>01203001F04F73C2E95143E0B0310AC67548E021</swg:messageId>", "");

    assertRejected(xml, ErrorCode.ENV_002).hasMessageContaining("messageId");
  }

  @Test
  void rejectsMessageIdWithForbiddenCharacters() {
    assertRejected(alter(TAX_PAYMENT_NOTICE, "01203001F04F73C2E95143E0B0310AC67548E021</swg:messageId>",
        "01203001 F04F/73C2</swg:messageId>"), ErrorCode.ENV_002);
  }

  @Test
  void rejectsSentAtWithoutOffset() {
    assertRejected(alter(TAX_PAYMENT_NOTICE, "2026-11-22T23:41:07+07:00", "2026-11-22T23:41:07"), ErrorCode.ENV_002)
        .satisfies(e -> assertThat(((MessageRejectedException) e).location()).endsWith("swg:sentAt"));
  }

  @Test
  void rejectsUnknownFunction() {
    assertRejected(alter(TAX_PAYMENT_NOTICE, "<swg:function>NOTIFY</swg:function>", "<swg:function>PAY</swg:function>"),
        ErrorCode.ENV_002);
  }

  @Test
  void rejectsTwoDocumentsInBody() {
    assertRejected(alter(TAX_PAYMENT_NOTICE, BODY_END, "<x:Other xmlns:x='urn:x'/>" + BODY_END), ErrorCode.ENV_002);
  }

  @Test
  void rejectsEmptyBody() {
    String xml = Examples.example(TAX_PAYMENT_NOTICE).replaceAll("(?s)<tpn:TaxPaymentNotice.*</tpn:TaxPaymentNotice>", "");

    assertRejected(xml, ErrorCode.ENV_002);
  }

  @Test
  void rejectsBodyDocumentWithoutNamespace() {
    String xml = Examples.example(TAX_PAYMENT_NOTICE).replaceAll("(?s)<tpn:TaxPaymentNotice.*</tpn:TaxPaymentNotice>",
        "<TaxPaymentNotice/>");

    assertRejected(xml, ErrorCode.ENV_002);
  }

  @Test
  void rejectsBodyDocumentInTheEnvelopeNamespace() {
    String xml = Examples.example(TAX_PAYMENT_NOTICE).replaceAll("(?s)<tpn:TaxPaymentNotice.*</tpn:TaxPaymentNotice>",
        "<swg:Header Id='second'/>");

    assertRejected(xml, ErrorCode.ENV_002);
  }

  @Test
  void rejectsDuplicateIds() {
    assertRejected(alter(TAX_PAYMENT_NOTICE, "Id=\"body\"", "Id=\"header\""), ErrorCode.ENV_002)
        .hasMessageContaining("header");
  }

  @Test
  void rejectsSentAtTooFarInThePast() {
    assertThatThrownBy(() -> admissionAt(NOW.plus(Duration.ofMinutes(6))).admit(utf8(Examples.example(TAX_PAYMENT_NOTICE))))
        .isInstanceOfSatisfying(MessageRejectedException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(ErrorCode.ENV_006);
          assertThat(e.getMessage()).contains("behind");
          assertThat(e.location()).isEqualTo("/swg:Envelope/swg:Header/swg:Reference/swg:sentAt");
        });
  }

  @Test
  void rejectsSentAtTooFarInTheFuture() {
    assertThatThrownBy(() -> admissionAt(NOW.minus(Duration.ofMinutes(10))).admit(utf8(Examples.example(TAX_PAYMENT_NOTICE))))
        .isInstanceOfSatisfying(MessageRejectedException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(ErrorCode.ENV_006);
          assertThat(e.getMessage()).contains("ahead of");
        });
  }

  @Test
  void comparesSentAtAcrossOffsets() {
    // the same instant written in UTC is just as acceptable
    String utc = alter(TAX_PAYMENT_NOTICE, "2026-11-22T23:41:07+07:00", "2026-11-22T16:41:07Z");

    assertThat(admission.admit(utf8(utc)).header().sentAt().toInstant()).isEqualTo(Instant.parse("2026-11-22T16:41:07Z"));
  }

  @Test
  void rejectsBodySchemaViolationNamingTheElement() {
    AdmittedEnvelope envelope = admission.admit(utf8(alter(TAX_PAYMENT_NOTICE,
        "<tpn:amount>245750000</tpn:amount>", "<tpn:amount>245750000.50</tpn:amount>")));

    assertThatThrownBy(() -> admission.validateBody(envelope, NOTICE_SCHEMA))
        .isInstanceOfSatisfying(MessageRejectedException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(ErrorCode.ENV_004);
          assertThat(e.getMessage()).contains("tpn:amount");
          assertThat(e.location())
              .isEqualTo("/swg:Envelope/swg:Body/tpn:TaxPaymentNotice/tpn:taxAmounts/tpn:taxAmount[2]/tpn:amount");
        });
  }

  @Test
  void rejectsBodyMissingARequiredElement() {
    AdmittedEnvelope envelope = admission.admit(utf8(alter(TAX_PAYMENT_NOTICE,
        "<tpn:totalAmount>370770000</tpn:totalAmount>", "")));

    assertThatThrownBy(() -> admission.validateBody(envelope, NOTICE_SCHEMA))
        .isInstanceOfSatisfying(MessageRejectedException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(ErrorCode.ENV_004);
          assertThat(e.getMessage()).contains("totalAmount");
        });
  }

  @Test
  void rejectsBodyOfAnotherMessageType() {
    AdmittedEnvelope envelope = admission.admit(utf8(Examples.example(TAX_PAYMENT_NOTICE)));

    assertThatThrownBy(() -> admission.validateBody(envelope, LICENCE_SCHEMA))
        .isInstanceOfSatisfying(MessageRejectedException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(ErrorCode.ENV_004);
          assertThat(e.getMessage()).contains("TaxPaymentNotice");
        });
  }

  private EnvelopeAdmission admissionAt(Instant now) {
    return new EnvelopeAdmission(HardenedXmlParser.withDefaults(), schemas, EnvelopeAdmission.ENVELOPE_SCHEMA,
        Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String xml, ErrorCode code) {
    return assertThatThrownBy(() -> admission.admit(utf8(xml)))
        .isInstanceOf(MessageRejectedException.class)
        .satisfies(e -> assertThat(((MessageRejectedException) e).errorCode()).isEqualTo(code));
  }
}
