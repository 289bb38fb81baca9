package vn.customs.swg.trust.material;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/**
 * One certificate the expiry watch looks at.
 *
 * @param owner partner id, or "gateway" for the gateway's own chain
 * @param role what the certificate is to its owner
 * @param subject subject DN (RFC 2253)
 * @param notAfter end of validity
 * @param daysLeft whole days from the time of the report to notAfter, negative once expired
 * @param fingerprint SHA-256 of the DER encoding, upper-case hex, as in records
 */
public record WatchedCertificate(String owner, Role role, String subject, Instant notAfter, long daysLeft,
    String fingerprint) {

  /** Owner of the gateway's own chain. */
  public static final String GATEWAY = "gateway";

  /** What a certificate is to its owner; {@link #tag()} is also the {@code role} metric tag. */
  public enum Role {
    /** A partner's registered signing certificate. */
    SIGNING_CERTIFICATE("signing-certificate"),
    /** A trust anchor: a partner's, or the gateway chain's root. */
    ANCHOR("anchor"),
    /** An intermediate CA: configured for a partner, or in the gateway's chain. */
    INTERMEDIATE("intermediate"),
    /** The gateway's own signing certificate. */
    GATEWAY("gateway");

    private final String tag;

    Role(String tag) {
      this.tag = tag;
    }

    @JsonValue
    public String tag() {
      return tag;
    }
  }
}
