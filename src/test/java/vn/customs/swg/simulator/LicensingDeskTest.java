package vn.customs.swg.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.swg.simulator.SimulatorFixture.CLOCK;
import static vn.customs.swg.simulator.SimulatorFixture.DEFAULT_OFFICE;
import static vn.customs.swg.simulator.SimulatorFixture.LICENCE_RESULT;
import static vn.customs.swg.simulator.SimulatorFixture.body;
import static vn.customs.swg.simulator.SimulatorFixture.example;

import org.junit.jupiter.api.Test;
import vn.customs.swg.schema.dossier.DossierStatus;
import vn.customs.swg.schema.dossier.Status;
import vn.customs.swg.schema.licence.Decision;
import vn.customs.swg.schema.licence.LicenceResult;

class LicensingDeskTest {

  private final LicensingDesk desk = new LicensingDesk(DeclarationLedger.seeded(), DEFAULT_OFFICE, CLOCK);
  private final LicenceResult result = body(example(LICENCE_RESULT), LicenceResult.class);

  @Test
  void clearsTheDossierOfAGrantedLicence() {
    Answer answer = desk.answer(result);
    DossierStatus status = (DossierStatus) answer.document();

    assertThat(answer.messageType()).isEqualTo("DOSSIER_STATUS");
    assertThat(answer.documentReference()).isEqualTo("BCT0800001-2026-004512");
    assertThat(status.getStatus()).isEqualTo(Status.CLEARED);
    assertThat(status.getReason()).isEmpty();
    assertThat(status.getDossierNumber()).isEqualTo("BCT0800001-2026-004512");
    assertThat(status.getLicenceNumber()).isEqualTo("4512/2026/NKTD-BCT");
    assertThat(status.getStatusTime().toXMLFormat()).isEqualTo("2026-11-22T23:41:09+07:00");
  }

  @Test
  void linksTheDossierToTheHoldersDeclarationAndItsOffice() {
    DossierStatus status = (DossierStatus) desk.answer(result).document();

    assertThat(status.getDeclarationNumber()).isEqualTo("107123456789");
    assertThat(status.getCustomsOfficeCode()).isEqualTo("03CE");
  }

  @Test
  void answersFromTheDefaultOfficeWhenTheHolderHasNoDeclaration() {
    result.getHolder().setTaxCode("0109999999");

    DossierStatus status = (DossierStatus) desk.answer(result).document();

    assertThat(status.getDeclarationNumber()).isNull();
    assertThat(status.getCustomsOfficeCode()).isEqualTo(DEFAULT_OFFICE);
  }

  @Test
  void holdsTheDossierOfARefusedLicenceWithTheMinistrysReason() {
    result.setDecision(Decision.REFUSED);
    result.setLicenceNumber(null);
    result.setReason("Hồ sơ thiếu chứng nhận hợp quy");

    Answer answer = desk.answer(result);
    DossierStatus status = (DossierStatus) answer.document();

    assertThat(answer.status()).isEqualTo("HELD");
    assertThat(status.getStatus()).isEqualTo(Status.HELD);
    assertThat(status.getLicenceNumber()).isNull();
    assertThat(status.getReason()).singleElement().satisfies(reason -> {
      assertThat(reason.getCode()).isEqualTo("LICENCE_REFUSED");
      assertThat(reason.getText()).contains("REFUSED").endsWith("Ministry's reason: Hồ sơ thiếu chứng nhận hợp quy");
    });
  }

  @Test
  void holdsTheDossierOfARevokedLicence() {
    result.setDecision(Decision.REVOKED);

    DossierStatus status = (DossierStatus) desk.answer(result).document();

    assertThat(status.getStatus()).isEqualTo(Status.HELD);
    assertThat(status.getReason()).singleElement().extracting("code").isEqualTo("LICENCE_REVOKED");
  }
}
