package vn.customs.swg.trust.revocation;

/**
 * Says that one revocation source (an OCSP responder or a CRL location) gave no answer the
 * gateway may act on, and why in one short phrase. It never leaves this package: the checker
 * collects these phrases into the detail of an UNAVAILABLE answer and moves on to the next source.
 */
final class UnusableSourceException extends Exception {

  private static final long serialVersionUID = 1L;

  UnusableSourceException(String reason) {
    // No stack trace: this is an expected outcome (a dead responder), not a programming error,
    // and it is thrown on the request path.
    super(reason, null, false, false);
  }
}
