package vn.customs.swg.receipt;

/** {@code Receipt/status} values (ENVELOPE.md section 5). */
public enum ReceiptStatus {
  ACCEPTED,
  DUPLICATE,
  REJECTED
}
