package vn.customs.swg.store.search;

import java.util.List;

/**
 * What is known about one signature on a message.
 *
 * @param signature SENDER (the partner's signature on what it sent) or GATEWAY (the gateway's
 *     system signature on the bytes it forwarded or delivered)
 * @param verdict the outcome, see {@link Verdict}
 * @param basis how the verdict was reached: {@code at receipt} (the gateway's decision when the
 *     message arrived, as recorded) or {@code re-verified now} (checked again while answering)
 * @param certificateFingerprint SHA-256 fingerprint of the signing certificate, when known
 * @param certificateSubject subject of the signing certificate, when known
 * @param errors the codes that refused it (REJECTED) with their texts
 * @param detail one sentence for the operator
 */
public record SignatureVerdict(
    String signature,
    Verdict verdict,
    String basis,
    String certificateFingerprint,
    String certificateSubject,
    List<ErrorText> errors,
    String detail) {

  public static final String SENDER = "SENDER";
  public static final String GATEWAY = "GATEWAY";
  public static final String AT_RECEIPT = "at receipt";
  public static final String NOW = "re-verified now";

  public SignatureVerdict {
    errors = List.copyOf(errors);
  }

  /** The outcomes a signature can have. */
  public enum Verdict {
    /** The signature and its certificate were accepted. */
    VERIFIED,
    /** The signature or its certificate was refused; see the errors. */
    REJECTED,
    /** The message was refused before the signature was looked at (admission). */
    NOT_CHECKED,
    /** There is no such signature (an outbound message carries no partner signature; bytes purged). */
    ABSENT,
    /** The record does not say (a refusal that could have happened at any step). */
    UNKNOWN
  }
}
