package vn.customs.swg.simulator;

import java.time.Clock;
import java.util.List;
import vn.customs.swg.schema.eformd.EFormD;
import vn.customs.swg.schema.eformd.status.EFormDStatus;
import vn.customs.swg.schema.eformd.status.Reason;
import vn.customs.swg.schema.eformd.status.Status;

/**
 * The ASW / origin back-end, for certificates of origin: decides the EFORM_D_STATUS of an
 * e-Form D. ACCEPTED when the certificate was issued by the country whose NSW sent it (the From
 * identity the gateway authenticated) and is for Viet Nam; REJECTED otherwise, with one reason per
 * failed check.
 */
final class EFormDDesk {

  static final String REPLY_TYPE = "EFORM_D_STATUS";

  private final Clock clock;

  EFormDDesk(Clock clock) {
    this.clock = clock;
  }

  Answer answer(EFormD form, String senderIdentity) {
    EFormDStatus status = new EFormDStatus();
    status.setReferenceNumber(form.getReferenceNumber());
    status.setIssuingCountry(form.getIssuingCountry());
    List<Reason> reasons = status.getReason();
    if (!form.getIssuingCountry().equals(senderIdentity)) {
      reasons.add(reason("ISSUER_MISMATCH",
          "Form D issued by " + form.getIssuingCountry() + " but sent by the NSW of " + senderIdentity));
    }
    if (!AcddDesk.VIET_NAM.equals(form.getImportingCountry())) {
      reasons.add(reason("NOT_FOR_VN", "Form D is for importing country " + form.getImportingCountry()));
    }
    status.setStatus(reasons.isEmpty() ? Status.ACCEPTED : Status.REJECTED);
    status.setStatusTime(ReplyTime.xml(ReplyTime.now(clock)));
    return new Answer(REPLY_TYPE, form.getReferenceNumber(), status.getStatus().value(), status);
  }

  private static Reason reason(String code, String text) {
    Reason reason = new Reason();
    reason.setCode(code);
    reason.setText(text);
    return reason;
  }
}
