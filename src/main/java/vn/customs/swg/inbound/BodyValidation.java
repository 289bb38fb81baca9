package vn.customs.swg.inbound;

import org.springframework.stereotype.Component;
import vn.customs.swg.admission.EnvelopeAdmission;

/** Step 5, validate: the business document in Body against its message type's schema. */
@Component("bodyValidation")
public class BodyValidation {

  private final EnvelopeAdmission envelopeAdmission;

  public BodyValidation(EnvelopeAdmission envelopeAdmission) {
    this.envelopeAdmission = envelopeAdmission;
  }

  public InboundMessage validate(InboundMessage message) {
    envelopeAdmission.validateBody(message.envelope(), message.messageType().schema());
    return message;
  }
}
