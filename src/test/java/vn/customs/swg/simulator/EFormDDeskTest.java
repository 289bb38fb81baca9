package vn.customs.swg.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.swg.simulator.SimulatorFixture.CLOCK;
import static vn.customs.swg.simulator.SimulatorFixture.EFORM_D;
import static vn.customs.swg.simulator.SimulatorFixture.body;
import static vn.customs.swg.simulator.SimulatorFixture.example;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.customs.swg.schema.eformd.EFormD;
import vn.customs.swg.schema.eformd.status.EFormDStatus;
import vn.customs.swg.schema.eformd.status.Status;

class EFormDDeskTest {

  private final EFormDDesk desk = new EFormDDesk(CLOCK);
  private final EFormD form = body(example(EFORM_D), EFormD.class);

  @Test
  void acceptsAFormDIssuedByTheSendingCountry() {
    Answer answer = desk.answer(form, "ID");
    EFormDStatus status = (EFormDStatus) answer.document();

    assertThat(answer.messageType()).isEqualTo("EFORM_D_STATUS");
    assertThat(answer.documentReference()).isEqualTo("0004521/JKT/2026");
    assertThat(status.getStatus()).isEqualTo(Status.ACCEPTED);
    assertThat(status.getReason()).isEmpty();
    assertThat(status.getReferenceNumber()).isEqualTo("0004521/JKT/2026");
    assertThat(status.getIssuingCountry()).isEqualTo("ID");
    assertThat(status.getStatusTime().toXMLFormat()).isEqualTo("2026-11-22T23:41:09+07:00");
  }

  @Test
  void rejectsAFormDIssuedByAnotherCountryThanTheSender() {
    EFormDStatus status = (EFormDStatus) desk.answer(form, "TH").document();

    assertThat(status.getStatus()).isEqualTo(Status.REJECTED);
    assertThat(reasons(status)).containsExactly("ISSUER_MISMATCH: Form D issued by ID but sent by the NSW of TH");
  }

  @Test
  void rejectsAFormDForAnotherImportingCountry() {
    form.setImportingCountry("SG");

    EFormDStatus status = (EFormDStatus) desk.answer(form, "ID").document();

    assertThat(status.getStatus()).isEqualTo(Status.REJECTED);
    assertThat(reasons(status)).containsExactly("NOT_FOR_VN: Form D is for importing country SG");
  }

  private static List<String> reasons(EFormDStatus status) {
    return status.getReason().stream().map(r -> r.getCode() + ": " + r.getText()).toList();
  }
}
