package vn.customs.swg.trust.revocation;

import java.time.Duration;
import java.util.List;

/**
 * How revocation answers are fetched and cached (from {@code gateway.trust.revocation}).
 *
 * @param timeout bound on one fetch, connection included
 * @param maxCrlBytes largest CRL read; a bigger one is unavailable
 * @param allowedUrlPrefixes prefixes a certificate's own AIA / CRL DP URL must start with
 * @param cachePeriodWithoutNextUpdate cache lifetime of an answer without nextUpdate
 * @param cacheMaxEntries bound on cached answers
 * @param clockSkew tolerance on thisUpdate / nextUpdate
 */
public record RevocationSettings(Duration timeout, long maxCrlBytes, List<String> allowedUrlPrefixes,
    Duration cachePeriodWithoutNextUpdate, int cacheMaxEntries, Duration clockSkew) {}
