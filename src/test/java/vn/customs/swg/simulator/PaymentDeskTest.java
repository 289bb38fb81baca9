package vn.customs.swg.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.swg.simulator.SimulatorFixture.CLOCK;
import static vn.customs.swg.simulator.SimulatorFixture.TAX_PAYMENT_NOTICE;
import static vn.customs.swg.simulator.SimulatorFixture.alter;
import static vn.customs.swg.simulator.SimulatorFixture.body;
import static vn.customs.swg.simulator.SimulatorFixture.example;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.customs.swg.schema.payment.confirmation.ConfirmationStatus;
import vn.customs.swg.schema.payment.confirmation.Reason;
import vn.customs.swg.schema.payment.confirmation.TaxAmount;
import vn.customs.swg.schema.payment.confirmation.TaxPaymentConfirmation;
import vn.customs.swg.schema.payment.notice.TaxPaymentNotice;
import vn.customs.swg.schema.payment.notice.TaxType;

class PaymentDeskTest {

  private static final String NOTICE = example(TAX_PAYMENT_NOTICE);
  private static final String VAT_LINE = "<tpn:amount>245750000</tpn:amount>";
  private static final String TOTAL = "<tpn:totalAmount>370770000</tpn:totalAmount>";

  private final PaymentDesk desk = new PaymentDesk(DeclarationLedger.seeded(), CLOCK);

  @Test
  void matchesTheExampleNoticeToItsDeclaration() {
    TaxPaymentConfirmation confirmation = confirm(NOTICE);

    assertThat(confirmation.getStatus()).isEqualTo(ConfirmationStatus.MATCHED);
    assertThat(confirmation.getReason()).isEmpty();
    assertThat(confirmation.getBankCode()).isEqualTo("01203001");
    assertThat(confirmation.getBankTransactionId()).isEqualTo("FT26326000123456");
    assertThat(confirmation.getDeclarationNumber()).isEqualTo("107123456789");
    assertThat(credited(confirmation)).containsExactly("IMPORT_DUTY=125000000", "VAT=245750000", "FEE=20000");
    assertThat(confirmation.getTotalCredited()).isEqualByComparingTo("370770000");
    assertThat(confirmation.getCustomsReceiptNumber()).matches("03CE-2026-[0-9]{7}");
    assertThat(confirmation.getConfirmationTime().toXMLFormat()).isEqualTo("2026-11-22T23:41:09+07:00");
  }

  @Test
  void issuesANewReceiptNumberForEachPayment() {
    assertThat(confirm(NOTICE).getCustomsReceiptNumber()).isNotEqualTo(confirm(NOTICE).getCustomsReceiptNumber());
  }

  @Test
  void reportsATaxTypePaidShortAndCreditsWhatWasPaid() {
    String shortVat = alter(alter(NOTICE, VAT_LINE, "<tpn:amount>245000000</tpn:amount>"),
        TOTAL, "<tpn:totalAmount>370020000</tpn:totalAmount>");

    TaxPaymentConfirmation confirmation = confirm(shortVat);

    assertThat(confirmation.getStatus()).isEqualTo(ConfirmationStatus.AMOUNT_MISMATCH);
    assertThat(reasons(confirmation)).containsExactly("AMOUNT_MISMATCH: VAT: 245000000 VND paid, 245750000 VND assessed");
    assertThat(credited(confirmation)).containsExactly("IMPORT_DUTY=125000000", "VAT=245000000", "FEE=20000");
    assertThat(confirmation.getTotalCredited()).isEqualByComparingTo("370020000");
    assertThat(confirmation.getCustomsReceiptNumber()).isNotNull();
  }

  @Test
  void creditsNoMoreThanIsAssessed() {
    String overpaidVat = alter(alter(NOTICE, VAT_LINE, "<tpn:amount>250000000</tpn:amount>"),
        TOTAL, "<tpn:totalAmount>375020000</tpn:totalAmount>");

    TaxPaymentConfirmation confirmation = confirm(overpaidVat);

    assertThat(confirmation.getStatus()).isEqualTo(ConfirmationStatus.AMOUNT_MISMATCH);
    assertThat(credited(confirmation)).contains("VAT=245750000");
    assertThat(confirmation.getTotalCredited()).isEqualByComparingTo("370770000");
  }

  @Test
  void reportsATaxTypeTheDeclarationDoesNotOwe() {
    TaxPaymentNotice notice = body(NOTICE, TaxPaymentNotice.class);
    notice.getTaxAmounts().getTaxAmount().add(noticeLine(TaxType.EXCISE, "1000000"));
    notice.setTotalAmount(new BigDecimal("371770000"));

    TaxPaymentConfirmation confirmation = (TaxPaymentConfirmation) desk.answer(notice).document();

    assertThat(confirmation.getStatus()).isEqualTo(ConfirmationStatus.AMOUNT_MISMATCH);
    assertThat(reasons(confirmation))
        .containsExactly("NOT_ASSESSED: EXCISE: 1000000 VND paid, nothing assessed on declaration 107123456789");
    assertThat(credited(confirmation)).containsExactly("IMPORT_DUTY=125000000", "VAT=245750000", "FEE=20000");
  }

  @Test
  void reportsATotalThatIsNotTheSumOfTheLines() {
    TaxPaymentConfirmation confirmation = confirm(alter(NOTICE, TOTAL, "<tpn:totalAmount>370000000</tpn:totalAmount>"));

    assertThat(confirmation.getStatus()).isEqualTo(ConfirmationStatus.AMOUNT_MISMATCH);
    assertThat(reasons(confirmation)).containsExactly(
        "TOTAL_MISMATCH: totalAmount 370000000 VND is not the sum of the tax amounts, 370770000 VND");
  }

  @Test
  void addsUpATaxTypeBookedOnSeveralLines() {
    TaxPaymentNotice notice = body(NOTICE, TaxPaymentNotice.class);
    notice.getTaxAmounts().getTaxAmount().get(0).setAmount(new BigDecimal("100000000"));
    notice.getTaxAmounts().getTaxAmount().add(noticeLine(TaxType.IMPORT_DUTY, "25000000"));

    assertThat(((TaxPaymentConfirmation) desk.answer(notice).document()).getStatus())
        .isEqualTo(ConfirmationStatus.MATCHED);
  }

  @Test
  void answersNotFoundForADeclarationCustomsDoesNotHave() {
    TaxPaymentConfirmation confirmation = confirm(alter(NOTICE,
        "<tpn:declarationNumber>107123456789</tpn:declarationNumber>",
        "<tpn:declarationNumber>107999999999</tpn:declarationNumber>"));

    assertThat(confirmation.getStatus()).isEqualTo(ConfirmationStatus.NOT_FOUND);
    assertThat(reasons(confirmation)).containsExactly("DECL_NOT_FOUND: Declaration 107999999999 is not in the customs ledger");
    assertThat(confirmation.getCreditedAmounts()).isNull();
    assertThat(confirmation.getTotalCredited()).isNull();
    assertThat(confirmation.getCustomsReceiptNumber()).isNull();
  }

  private TaxPaymentConfirmation confirm(String noticeEnvelope) {
    Answer answer = desk.answer(body(noticeEnvelope, TaxPaymentNotice.class));
    assertThat(answer.messageType()).isEqualTo("TAX_PAYMENT_CONFIRMATION");
    assertThat(answer.documentReference()).isEqualTo("FT26326000123456");
    TaxPaymentConfirmation confirmation = (TaxPaymentConfirmation) answer.document();
    assertThat(answer.status()).isEqualTo(confirmation.getStatus().value());
    return confirmation;
  }

  private static vn.customs.swg.schema.payment.notice.TaxAmount noticeLine(TaxType taxType, String amount) {
    vn.customs.swg.schema.payment.notice.TaxAmount line = new vn.customs.swg.schema.payment.notice.TaxAmount();
    line.setTaxType(taxType);
    line.setAmount(new BigDecimal(amount));
    return line;
  }

  private static List<String> credited(TaxPaymentConfirmation confirmation) {
    return confirmation.getCreditedAmounts().getTaxAmount().stream()
        .map((TaxAmount line) -> line.getTaxType().value() + "=" + line.getAmount().toPlainString()).toList();
  }

  private static List<String> reasons(TaxPaymentConfirmation confirmation) {
    return confirmation.getReason().stream().map((Reason r) -> r.getCode() + ": " + r.getText()).toList();
  }
}
