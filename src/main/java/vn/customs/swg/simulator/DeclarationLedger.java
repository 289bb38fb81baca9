package vn.customs.swg.simulator;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The e-payment back-end's view of customs declarations, in memory: what was assessed on each
 * declaration per tax type, which office holds it and whose it is. Seeded with a few demo
 * declarations, among them 107123456789 of the TAX_PAYMENT_NOTICE and LICENCE_RESULT examples.
 * It records no payments, so a demo can send the same notice again and get the same answer.
 * Thread-safe: the declarations are immutable, the receipt counter atomic.
 */
final class DeclarationLedger {

  /**
   * One declaration.
   *
   * @param number VNACCS declaration number, 12 digits
   * @param customsOffice office (Chi cuc) code holding it
   * @param traderTaxCode the declarant's tax code
   * @param assessed amount due per tax type (the schemas' TaxType names), whole VND, in booking order
   */
  record Declaration(String number, String customsOffice, String traderTaxCode, Map<String, BigDecimal> assessed) {
    Declaration {
      assessed = Collections.unmodifiableMap(new LinkedHashMap<>(assessed));
    }
  }

  private final Map<String, Declaration> byNumber = new LinkedHashMap<>();
  // continues the numbering of the TAX_PAYMENT_CONFIRMATION example (03CE-2026-0045871)
  private final AtomicLong receipts = new AtomicLong(45871);

  DeclarationLedger(List<Declaration> declarations) {
    declarations.forEach(d -> byNumber.put(d.number(), d));
  }

  /** The demo declarations. */
  static DeclarationLedger seeded() {
    return new DeclarationLedger(List.of(
        // steel coils, Hai Phong: the example notice pays exactly this
        new Declaration("107123456789", "03CE", "0201234567", amounts(
            "IMPORT_DUTY", 125_000_000, "VAT", 245_750_000, "FEE", 20_000)),
        // palm olein and coffee from Indonesia under ATIGA Form D: no import duty
        new Declaration("107234567890", "02CI", "0301234568", amounts(
            "VAT", 30_125_600, "FEE", 20_000)),
        // wine by air, Noi Bai: excise as well
        new Declaration("107345678901", "01B1", "0101234567", amounts(
            "IMPORT_DUTY", 48_600_000, "EXCISE", 97_200_000, "VAT", 58_320_000, "FEE", 20_000)),
        // export of cashew kernels with export duty
        new Declaration("305678901234", "03CE", "0200345678", amounts(
            "EXPORT_DUTY", 18_400_000, "FEE", 20_000))));
  }

  Optional<Declaration> find(String number) {
    return Optional.ofNullable(byNumber.get(number));
  }

  /** The trader's first declaration in the ledger: what a dossier for that trader is linked to. */
  Optional<Declaration> findByTrader(String taxCode) {
    return byNumber.values().stream().filter(d -> d.traderTaxCode().equals(taxCode)).findFirst();
  }

  /** A fresh customs receipt (bien lai) number: office, year, sequence, e.g. 03CE-2026-0045872. */
  String nextReceiptNumber(Declaration declaration, int year) {
    return declaration.customsOffice() + "-" + year + "-" + String.format("%07d", receipts.incrementAndGet());
  }

  private static Map<String, BigDecimal> amounts(Object... typeAndAmount) {
    Map<String, BigDecimal> amounts = new LinkedHashMap<>();
    for (int i = 0; i < typeAndAmount.length; i += 2) {
      amounts.put((String) typeAndAmount[i], BigDecimal.valueOf(((Number) typeAndAmount[i + 1]).longValue()));
    }
    return amounts;
  }
}
