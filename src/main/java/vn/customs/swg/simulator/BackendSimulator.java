package vn.customs.swg.simulator;

import java.nio.charset.StandardCharsets;
import org.w3c.dom.Document;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.admission.AdmittedEnvelope;
import vn.customs.swg.admission.EnvelopeAdmission;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.admission.EnvelopeReader;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.admission.SchemaRegistry;
import vn.customs.swg.catalogue.MessageType;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.schema.acdd.Acdd;
import vn.customs.swg.schema.eformd.EFormD;
import vn.customs.swg.schema.licence.LicenceResult;
import vn.customs.swg.schema.payment.notice.TaxPaymentNotice;

/**
 * Answers one envelope the gateway forwarded to a back-end queue, as that back-end would: reads
 * it, hands the business document to the desk for its type and returns the reply envelope for
 * {@code swg.outbound}. The reply is serialised, parsed back and validated against the envelope
 * schema and its catalogue body schema before it is returned, so a simulator bug stops here
 * ({@link UnansweredMessageException}) instead of reaching the gateway looking like a gateway bug.
 *
 * <p>The gateway's Routing block and signatures are not verified: a back-end trusts its queue by
 * design (ARCHITECTURE.md: back-ends rely on the gateway's checks; only the gateway writes to the
 * back-end queues), and the simulator behaves like one. The envelope is still read with the
 * hardened parser, which costs nothing and keeps one way of reading partner XML in the project.
 */
public final class BackendSimulator {

  private final HardenedXmlParser parser;
  private final SchemaRegistry schemas;
  private final MessageTypeCatalogue catalogue;
  private final BusinessDocuments documents;
  private final ReplyWriter writer;
  private final PaymentDesk payments;
  private final LicensingDesk licensing;
  private final EFormDDesk origin;
  private final AcddDesk acdd;
  private final EnvelopeReader reader = new EnvelopeReader();

  BackendSimulator(HardenedXmlParser parser, SchemaRegistry schemas, MessageTypeCatalogue catalogue,
      BusinessDocuments documents, ReplyWriter writer, PaymentDesk payments, LicensingDesk licensing,
      EFormDDesk origin, AcddDesk acdd) {
    this.parser = parser;
    this.schemas = schemas;
    this.catalogue = catalogue;
    this.documents = documents;
    this.writer = writer;
    this.payments = payments;
    this.licensing = licensing;
    this.origin = origin;
    this.acdd = acdd;
  }

  /**
   * The reply to a forwarded envelope.
   *
   * @throws UnansweredMessageException when no back-end answers its type or the reply would be invalid
   * @throws MessageRejectedException when the text is not a readable envelope
   */
  public SimulatedReply answer(String forwardedEnvelope) {
    byte[] bytes = forwardedEnvelope.getBytes(StandardCharsets.UTF_8);
    AdmittedEnvelope request = reader.read(parser.parse(bytes), bytes);
    EnvelopeHeader header = request.header();
    Answer answer = switch (header.messageType()) {
      case "TAX_PAYMENT_NOTICE" -> payments.answer(documents.read(request.bodyDocument(), TaxPaymentNotice.class));
      case "LICENCE_RESULT" -> licensing.answer(documents.read(request.bodyDocument(), LicenceResult.class));
      case "EFORM_D" -> origin.answer(documents.read(request.bodyDocument(), EFormD.class), header.fromIdentity());
      case "ACDD" -> acdd.answer(documents.read(request.bodyDocument(), Acdd.class));
      default -> throw new UnansweredMessageException(
          "no back-end answers " + header.messageType() + " (message " + header.messageId() + ")");
    };
    return reply(header, answer);
  }

  /** The checked reply envelope for an answer to {@code request}. */
  SimulatedReply reply(EnvelopeHeader request, Answer answer) {
    MessageType type = catalogue.find(answer.messageType()).filter(t -> !t.inbound())
        .orElseThrow(() -> new UnansweredMessageException(
            "the catalogue has no outbound message type " + answer.messageType()));
    Document reply = writer.write(request, answer);
    byte[] bytes = XmlOutput.toBytes(reply);
    try {
      // check what goes on the wire, read back as the gateway will read it
      Document sent = parser.parse(bytes);
      schemas.validate(EnvelopeAdmission.ENVELOPE_SCHEMA, sent.getDocumentElement(), ErrorCode.ENV_002);
      AdmittedEnvelope envelope = reader.read(sent, bytes);
      schemas.validate(type.schema(), envelope.bodyDocument(), ErrorCode.ENV_004);
      return new SimulatedReply(envelope.header(), answer.status(), new String(bytes, StandardCharsets.UTF_8));
    } catch (MessageRejectedException e) {
      throw new UnansweredMessageException("simulator bug, nothing sent: its " + answer.messageType()
          + " reply to " + request.messageId() + " is invalid: " + e.getMessage(), e);
    }
  }
}
