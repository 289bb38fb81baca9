package vn.customs.swg.simulator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.customs.swg.schema.payment.confirmation.ConfirmationStatus;
import vn.customs.swg.schema.payment.confirmation.CreditedAmounts;
import vn.customs.swg.schema.payment.confirmation.Reason;
import vn.customs.swg.schema.payment.confirmation.TaxAmount;
import vn.customs.swg.schema.payment.confirmation.TaxPaymentConfirmation;
import vn.customs.swg.schema.payment.confirmation.TaxType;
import vn.customs.swg.schema.payment.notice.TaxPaymentNotice;

/**
 * The e-payment back-end: decides a TAX_PAYMENT_CONFIRMATION for a bank's TAX_PAYMENT_NOTICE
 * against the {@link DeclarationLedger}. NOT_FOUND when the declaration is unknown; MATCHED when
 * every tax type is paid exactly as assessed and the bank's total is the sum of its lines;
 * AMOUNT_MISMATCH otherwise, with one reason per difference. What is credited is, per assessed
 * tax type, the amount paid up to the amount due (an excess waits for reconciliation); a receipt
 * number is issued whenever something was credited.
 */
final class PaymentDesk {

  static final String REPLY_TYPE = "TAX_PAYMENT_CONFIRMATION";

  private final DeclarationLedger ledger;
  private final Clock clock;

  PaymentDesk(DeclarationLedger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  Answer answer(TaxPaymentNotice notice) {
    OffsetDateTime now = ReplyTime.now(clock);
    TaxPaymentConfirmation confirmation = new TaxPaymentConfirmation();
    confirmation.setBankCode(notice.getBankCode());
    confirmation.setBankTransactionId(notice.getBankTransactionId());
    String number = notice.getDeclaration().getDeclarationNumber();
    confirmation.setDeclarationNumber(number);
    confirmation.setConfirmationTime(ReplyTime.xml(now));
    DeclarationLedger.Declaration declaration = ledger.find(number).orElse(null);
    if (declaration == null) {
      confirmation.setStatus(ConfirmationStatus.NOT_FOUND);
      confirmation.getReason().add(reason("DECL_NOT_FOUND", "Declaration " + number + " is not in the customs ledger"));
      return answer(confirmation);
    }
    Map<String, BigDecimal> paid = paidPerTaxType(notice);
    List<Reason> reasons = confirmation.getReason();
    Set<String> taxTypes = new LinkedHashSet<>(declaration.assessed().keySet());
    taxTypes.addAll(paid.keySet());
    for (String taxType : taxTypes) {
      BigDecimal due = declaration.assessed().getOrDefault(taxType, BigDecimal.ZERO);
      BigDecimal amount = paid.getOrDefault(taxType, BigDecimal.ZERO);
      if (due.signum() == 0 && amount.signum() > 0) {
        reasons.add(reason("NOT_ASSESSED", taxType + ": " + vnd(amount) + " paid, nothing assessed on declaration " + number));
      } else if (amount.compareTo(due) != 0) {
        reasons.add(reason("AMOUNT_MISMATCH", taxType + ": " + vnd(amount) + " paid, " + vnd(due) + " assessed"));
      }
    }
    BigDecimal sumOfLines = paid.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    if (sumOfLines.compareTo(notice.getTotalAmount()) != 0) {
      reasons.add(reason("TOTAL_MISMATCH", "totalAmount " + vnd(notice.getTotalAmount())
          + " is not the sum of the tax amounts, " + vnd(sumOfLines)));
    }
    confirmation.setStatus(reasons.isEmpty() ? ConfirmationStatus.MATCHED : ConfirmationStatus.AMOUNT_MISMATCH);
    credit(confirmation, declaration, paid, now.getYear());
    return answer(confirmation);
  }

  private void credit(TaxPaymentConfirmation confirmation, DeclarationLedger.Declaration declaration,
      Map<String, BigDecimal> paid, int year) {
    CreditedAmounts credited = new CreditedAmounts();
    BigDecimal total = BigDecimal.ZERO;
    for (Map.Entry<String, BigDecimal> due : declaration.assessed().entrySet()) {
      BigDecimal amount = paid.getOrDefault(due.getKey(), BigDecimal.ZERO).min(due.getValue());
      if (amount.signum() > 0) {
        TaxAmount line = new TaxAmount();
        line.setTaxType(TaxType.fromValue(due.getKey()));
        line.setAmount(amount);
        credited.getTaxAmount().add(line);
        total = total.add(amount);
      }
    }
    if (total.signum() > 0) {
      confirmation.setCreditedAmounts(credited);
      confirmation.setTotalCredited(total);
      confirmation.setCustomsReceiptNumber(ledger.nextReceiptNumber(declaration, year));
    }
  }

  private static Map<String, BigDecimal> paidPerTaxType(TaxPaymentNotice notice) {
    Map<String, BigDecimal> paid = new LinkedHashMap<>();
    // a notice may book one tax type on several lines (chapters, sub-items): sum them
    notice.getTaxAmounts().getTaxAmount()
        .forEach(line -> paid.merge(line.getTaxType().value(), line.getAmount(), BigDecimal::add));
    return paid;
  }

  private static Answer answer(TaxPaymentConfirmation confirmation) {
    return new Answer(REPLY_TYPE, confirmation.getBankTransactionId(), confirmation.getStatus().value(), confirmation);
  }

  private static Reason reason(String code, String text) {
    Reason reason = new Reason();
    reason.setCode(code);
    reason.setText(text);
    return reason;
  }

  private static String vnd(BigDecimal amount) {
    return amount.toPlainString() + " VND";
  }
}
