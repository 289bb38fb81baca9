package vn.customs.swg.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.swg.simulator.SimulatorFixture.ACDD;
import static vn.customs.swg.simulator.SimulatorFixture.CLOCK;
import static vn.customs.swg.simulator.SimulatorFixture.DEFAULT_OFFICE;
import static vn.customs.swg.simulator.SimulatorFixture.body;
import static vn.customs.swg.simulator.SimulatorFixture.example;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.customs.swg.schema.acdd.Acdd;
import vn.customs.swg.schema.acdd.response.AcddResponse;
import vn.customs.swg.schema.acdd.response.Status;

class AcddDeskTest {

  private final AcddDesk desk = new AcddDesk(DEFAULT_OFFICE, CLOCK);
  private final Acdd acdd = body(example(ACDD), Acdd.class);

  @Test
  void acceptsADeclarationWithItemsDestinedForVietNam() {
    Answer answer = desk.answer(acdd);
    AcddResponse response = (AcddResponse) answer.document();

    assertThat(answer.messageType()).isEqualTo("ACDD_RESPONSE");
    assertThat(answer.documentReference()).isEqualTo("040300-20261118-001234");
    assertThat(response.getStatus()).isEqualTo(Status.ACCEPTED);
    assertThat(response.getReason()).isEmpty();
    assertThat(response.getDeclarationReferenceNumber()).isEqualTo("040300-20261118-001234");
    assertThat(response.getCustomsOfficeCode()).isEqualTo(DEFAULT_OFFICE);
    assertThat(response.getResponseTime().toXMLFormat()).isEqualTo("2026-11-22T23:41:09+07:00");
  }

  @Test
  void rejectsADeclarationWithoutItems() {
    acdd.getItems().getItem().clear();

    AcddResponse response = (AcddResponse) desk.answer(acdd).document();

    assertThat(response.getStatus()).isEqualTo(Status.REJECTED);
    assertThat(reasons(response)).containsExactly("NO_ITEMS: The declaration has no goods items");
  }

  @Test
  void rejectsADeclarationWithoutAnItemsElement() {
    acdd.setItems(null);

    assertThat(((AcddResponse) desk.answer(acdd).document()).getStatus()).isEqualTo(Status.REJECTED);
  }

  @Test
  void rejectsADeclarationForAnotherDestination() {
    acdd.getHeader().setDestinationCountry("TH");

    AcddResponse response = (AcddResponse) desk.answer(acdd).document();

    assertThat(response.getStatus()).isEqualTo(Status.REJECTED);
    assertThat(reasons(response)).containsExactly("NOT_FOR_VN: The declaration is for destination country TH");
  }

  private static List<String> reasons(AcddResponse response) {
    return response.getReason().stream().map(r -> r.getCode() + ": " + r.getText()).toList();
  }
}
