package vn.customs.swg.trust.revocation;

import java.math.BigInteger;
import java.time.Instant;

/**
 * What revocation checking established for one certificate, and the evidence it rests on: kept
 * on the message record so an auditor can see, years later, which answer a message was accepted on.
 *
 * @param status GOOD, REVOKED, or UNAVAILABLE (no usable answer from any source)
 * @param source which mechanism answered (null when UNAVAILABLE)
 * @param thisUpdate the answer's thisUpdate
 * @param nextUpdate the answer's nextUpdate, null if it states none
 * @param crlNumber the CRL number when a CRL answered
 * @param evidence DER of the OCSP response when OCSP answered, else null
 * @param revokedAt revocation time when REVOKED
 * @param detail one line for logs and the record: why UNAVAILABLE, or what answered
 */
public record RevocationAnswer(
    Status status,
    Source source,
    Instant thisUpdate,
    Instant nextUpdate,
    BigInteger crlNumber,
    byte[] evidence,
    Instant revokedAt,
    String detail) {

  /** The three answers the trust step acts on. */
  public enum Status {
    GOOD,
    REVOKED,
    UNAVAILABLE
  }

  /** Which mechanism produced the answer. */
  public enum Source {
    OCSP,
    CRL
  }

  public static RevocationAnswer unavailable(String detail) {
    return new RevocationAnswer(Status.UNAVAILABLE, null, null, null, null, null, null, detail);
  }
}
