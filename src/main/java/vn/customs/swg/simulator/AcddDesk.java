package vn.customs.swg.simulator;

import java.time.Clock;
import java.util.List;
import vn.customs.swg.schema.acdd.Acdd;
import vn.customs.swg.schema.acdd.response.AcddResponse;
import vn.customs.swg.schema.acdd.response.Reason;
import vn.customs.swg.schema.acdd.response.Status;

/**
 * The ASW / origin back-end, for export declarations shared by ASEAN partners: decides the
 * ACDD_RESPONSE of an ACDD. ACCEPTED when it has goods items and is destined for Viet Nam;
 * REJECTED otherwise, with one reason per failed check. The answering office is the configured one.
 */
final class AcddDesk {

  static final String REPLY_TYPE = "ACDD_RESPONSE";
  static final String VIET_NAM = "VN";

  private final String customsOffice;
  private final Clock clock;

  AcddDesk(String customsOffice, Clock clock) {
    this.customsOffice = customsOffice;
    this.clock = clock;
  }

  Answer answer(Acdd acdd) {
    AcddResponse response = new AcddResponse();
    String reference = acdd.getHeader().getDeclarationReferenceNumber();
    response.setDeclarationReferenceNumber(reference);
    List<Reason> reasons = response.getReason();
    // the ACDD schema requires an item, so the gateway never forwards an empty one; a back-end checks anyway
    if (acdd.getItems() == null || acdd.getItems().getItem().isEmpty()) {
      reasons.add(reason("NO_ITEMS", "The declaration has no goods items"));
    }
    String destination = acdd.getHeader().getDestinationCountry();
    if (!VIET_NAM.equals(destination)) {
      reasons.add(reason("NOT_FOR_VN", "The declaration is for destination country " + destination));
    }
    response.setStatus(reasons.isEmpty() ? Status.ACCEPTED : Status.REJECTED);
    response.setCustomsOfficeCode(customsOffice);
    response.setResponseTime(ReplyTime.xml(ReplyTime.now(clock)));
    return new Answer(REPLY_TYPE, reference, response.getStatus().value(), response);
  }

  private static Reason reason(String code, String text) {
    Reason reason = new Reason();
    reason.setCode(code);
    reason.setText(text);
    return reason;
  }
}
