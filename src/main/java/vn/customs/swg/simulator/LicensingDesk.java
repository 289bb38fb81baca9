package vn.customs.swg.simulator;

import java.time.Clock;
import vn.customs.swg.schema.dossier.DossierStatus;
import vn.customs.swg.schema.dossier.Reason;
import vn.customs.swg.schema.dossier.Status;
import vn.customs.swg.schema.licence.Decision;
import vn.customs.swg.schema.licence.LicenceResult;

/**
 * The licensing / specialised-inspection back-end: decides the DOSSIER_STATUS that follows a
 * ministry's LICENCE_RESULT. A GRANTED licence clears the dossier; any other decision (REFUSED,
 * AMENDED, REVOKED) holds it, with the decision and the ministry's own reason as the reason. The
 * dossier is linked to the holder's declaration in the {@link DeclarationLedger} when there is
 * one, and handled by that declaration's office, otherwise by the configured default office.
 */
final class LicensingDesk {

  static final String REPLY_TYPE = "DOSSIER_STATUS";
  private static final int MAX_TEXT = 1000;

  private final DeclarationLedger ledger;
  private final String defaultCustomsOffice;
  private final Clock clock;

  LicensingDesk(DeclarationLedger ledger, String defaultCustomsOffice, Clock clock) {
    this.ledger = ledger;
    this.defaultCustomsOffice = defaultCustomsOffice;
    this.clock = clock;
  }

  Answer answer(LicenceResult result) {
    DossierStatus status = new DossierStatus();
    status.setDossierNumber(result.getDossierNumber());
    status.setLicenceNumber(result.getLicenceNumber());
    DeclarationLedger.Declaration linked = ledger.findByTrader(result.getHolder().getTaxCode()).orElse(null);
    status.setDeclarationNumber(linked == null ? null : linked.number());
    status.setCustomsOfficeCode(linked == null ? defaultCustomsOffice : linked.customsOffice());
    if (result.getDecision() == Decision.GRANTED) {
      status.setStatus(Status.CLEARED);
    } else {
      status.setStatus(Status.HELD);
      status.getReason().add(held(result));
    }
    status.setStatusTime(ReplyTime.xml(ReplyTime.now(clock)));
    return new Answer(REPLY_TYPE, result.getDossierNumber(), status.getStatus().value(), status);
  }

  private static Reason held(LicenceResult result) {
    Reason reason = new Reason();
    // LICENCE_REFUSED, LICENCE_AMENDED, LICENCE_REVOKED: within the 16 characters of a reason code
    reason.setCode("LICENCE_" + result.getDecision().value());
    String text = "The ministry's decision is " + result.getDecision().value()
        + "; the goods are held until a granted licence is received."
        + (result.getReason() == null ? "" : " Ministry's reason: " + result.getReason());
    reason.setText(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
    return reason;
  }
}
