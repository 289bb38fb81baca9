package vn.customs.swg.delivery;

/**
 * What one push attempt came to: delivered (a verified ACCEPTED or DUPLICATE receipt for the
 * pushed message), receipt refused (the partner answered 2xx, but not with a receipt the gateway
 * can take as proof), or endpoint failure (no answer, a timeout, a non-2xx status).
 *
 * @param httpStatus the partner's HTTP status, null when no answer arrived
 * @param detail why, in the gateway's own words: never the partner's body
 */
public record ReceiptVerdict(Kind kind, Integer httpStatus, String detail) {

  /** The three ways an attempt ends. */
  public enum Kind {
    DELIVERED,
    RECEIPT_REFUSED,
    ENDPOINT_FAILED
  }

  static ReceiptVerdict delivered(int httpStatus, String detail) {
    return new ReceiptVerdict(Kind.DELIVERED, httpStatus, detail);
  }

  static ReceiptVerdict refused(Integer httpStatus, String detail) {
    return new ReceiptVerdict(Kind.RECEIPT_REFUSED, httpStatus, detail);
  }

  static ReceiptVerdict endpointFailed(Integer httpStatus, String detail) {
    return new ReceiptVerdict(Kind.ENDPOINT_FAILED, httpStatus, detail);
  }

  public boolean delivered() {
    return kind == Kind.DELIVERED;
  }

  /** The partner answered, but its receipt is no proof of delivery (DeliveryStore's REFUSED_RECEIPT). */
  public boolean receiptRefused() {
    return kind == Kind.RECEIPT_REFUSED;
  }
}
