package vn.customs.swg;

/**
 * The one exception family for a message the gateway will not forward. Every step of the inbound
 * flow throws a subclass (or this class) with the contract's {@link ErrorCode}; the error handler
 * turns it into a signed REJECTED receipt. The detail is for operators' logs and may be shown to
 * the partner: it must never carry key material, stack traces or whole message bodies.
 */
public class MessageRejectedException extends RuntimeException {

  private final ErrorCode errorCode;
  private final String location;

  public MessageRejectedException(ErrorCode errorCode, String detail) {
    this(errorCode, detail, null, null);
  }

  public MessageRejectedException(ErrorCode errorCode, String detail, Throwable cause) {
    this(errorCode, detail, null, cause);
  }

  public MessageRejectedException(ErrorCode errorCode, String detail, String location, Throwable cause) {
    // The technical failure is kept as a suppressed exception (logged with the stack trace), never
    // as the cause: Camel matches onException clauses from the deepest cause upwards, so a checked
    // cause such as a CertificateException would select the error handler's generic clause and
    // turn this rejection into a retryable SWG-SYS-001 (found by the hostile-input corpus,
    // base64/garbage-certificate.xml).
    super(errorCode.code() + ": " + detail);
    if (cause != null) {
      addSuppressed(cause);
    }
    this.errorCode = errorCode;
    this.location = location;
  }

  /** The technical failure behind this rejection, for operators' logs; null when there is none. */
  public Throwable technicalCause() {
    Throwable[] suppressed = getSuppressed();
    return suppressed.length == 0 ? null : suppressed[0];
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  /** Optional XPath-like location of the fault in the envelope, e.g. {@code /swg:Envelope/swg:Body}. */
  public String location() {
    return location;
  }
}
