package vn.customs.swg.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.customs.swg.admission.Examples.utf8;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;

/** The receipt lives in the envelope namespace, so the envelope schema must check it strictly. */
class ReceiptSchemaTest {

  private static final String RECEIPT_SCHEMA = "schemas/receipt/receipt-1.xsd";

  private final SchemaRegistry schemas = new SchemaRegistry();
  private final HardenedXmlParser parser = HardenedXmlParser.withDefaults();

  @Test
  void rejectionReceiptWithBilingualTextsIsValid() {
    Element envelope = receiptEnvelope("<swg:text xml:lang='en'>Signature value does not verify</swg:text>"
        + "<swg:text xml:lang='vi'>Chữ ký số không hợp lệ</swg:text>");

    schemas.validate(EnvelopeAdmission.ENVELOPE_SCHEMA, envelope, ErrorCode.ENV_002);
    schemas.validate(RECEIPT_SCHEMA, new EnvelopeReader().read(envelope.getOwnerDocument(), null).bodyDocument(),
        ErrorCode.ENV_004);
  }

  @Test
  void envelopeSchemaChecksTheReceiptInsideTheBody() {
    Element envelope = receiptEnvelope("<swg:text>Signature value does not verify</swg:text>");

    assertThatThrownBy(() -> schemas.validate(EnvelopeAdmission.ENVELOPE_SCHEMA, envelope, ErrorCode.ENV_002))
        .isInstanceOfSatisfying(MessageRejectedException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(ErrorCode.ENV_002);
          assertThat(e.getMessage()).contains("lang");
        });
  }

  private Element receiptEnvelope(String texts) {
    String xml = "<swg:Envelope xmlns:swg='urn:vn:customs:swg:envelope:1' version='1.0'>"
        + "<swg:Header Id='header'><swg:Reference><swg:messageId>TCHQ3C46938336494AA7B836E7B0F8B21386</swg:messageId>"
        + "<swg:refToMessageId>01203001F04F73C2E95143E0B0310AC67548E021</swg:refToMessageId>"
        + "<swg:sentAt>2026-11-22T23:41:07.512+07:00</swg:sentAt></swg:Reference>"
        + "<swg:From><swg:partyType>GATEWAY</swg:partyType><swg:identity>TCHQ</swg:identity></swg:From>"
        + "<swg:To><swg:partyType>BANK</swg:partyType><swg:identity>01203001</swg:identity></swg:To>"
        + "<swg:Subject><swg:messageType>RECEIPT</swg:messageType><swg:function>RECEIPT</swg:function></swg:Subject>"
        + "</swg:Header><swg:Body Id='body'><swg:Receipt><swg:status>REJECTED</swg:status>"
        + "<swg:receivedAt>2026-11-22T23:41:07.412+07:00</swg:receivedAt>"
        + "<swg:error><swg:code>SWG-SEC-002</swg:code><swg:retryable>false</swg:retryable>" + texts
        + "<swg:location>/swg:Envelope/swg:Body</swg:location></swg:error></swg:Receipt></swg:Body>"
        + "<swg:Routing Id='routing'><swg:gatewayId>swg-node-1</swg:gatewayId>"
        + "<swg:receivedAt>2026-11-22T23:41:07.412+07:00</swg:receivedAt><swg:channel>HTTP</swg:channel>"
        + "<swg:partner>vcb</swg:partner><swg:destination>customs.payments.in</swg:destination></swg:Routing>"
        + "<swg:Signatures><swg:SystemSignature><ds:Signature xmlns:ds='http://www.w3.org/2000/09/xmldsig#'/>"
        + "</swg:SystemSignature></swg:Signatures></swg:Envelope>";
    return parser.parse(utf8(xml)).getDocumentElement();
  }
}
