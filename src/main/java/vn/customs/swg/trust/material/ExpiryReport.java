package vn.customs.swg.trust.material;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The certificates that expire within the warning window, or already have.
 *
 * @param at the time the report was made; days left count from here
 * @param window {@code gateway.trust.expiry-warning}
 * @param expiring soonest first
 * @param gatewayCertificateExpired the gateway's own signing certificate is past its notAfter
 */
public record ExpiryReport(Instant at, Duration window, List<WatchedCertificate> expiring,
    boolean gatewayCertificateExpired) {}
