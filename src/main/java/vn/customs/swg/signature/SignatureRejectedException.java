package vn.customs.swg.signature;

import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;

/**
 * A sender signature the gateway refuses: the one exception of the signature package, carrying
 * the contract's SEC code (ENVELOPE.md section 6). The detail names the rule that failed (an
 * algorithm URI, a reference URI, a certificate count) and never key material or message content.
 */
public final class SignatureRejectedException extends MessageRejectedException {

  private static final long serialVersionUID = 1L;

  /** Where the sender signature sits, for the receipt's {@code location}. */
  static final String SENDER_SIGNATURE_LOCATION =
      "/swg:Envelope/swg:Signatures/swg:SenderSignature/ds:Signature";

  public SignatureRejectedException(ErrorCode errorCode, String detail) {
    super(errorCode, detail, SENDER_SIGNATURE_LOCATION, null);
  }

  public SignatureRejectedException(ErrorCode errorCode, String detail, Throwable cause) {
    super(errorCode, detail, SENDER_SIGNATURE_LOCATION, cause);
  }
}
