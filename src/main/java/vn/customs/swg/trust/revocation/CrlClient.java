package vn.customs.swg.trust.revocation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Decides which CRL stands behind a URL: fetches it (capped at max-crl-bytes), parses it (DER or
 * PEM), refuses CRLs that are stale or that are not a complete, direct CRL the gateway can read,
 * and keeps the parsed CRL until its nextUpdate so thousands of certificates share one fetch.
 * Concurrent first requests for one URL share a single fetch. Whether a CRL speaks for a given
 * certificate (issuer, signature, scope, serial) is {@link CrlVerifier}'s decision.
 */
final class CrlClient {

  /**
   * At most this many CRLs are held, whatever cache-max-entries says: each may be up to
   * max-crl-bytes, and a gateway sees a handful of CA CRL URLs, not thousands.
   */
  static final int MAX_CACHED_CRLS = 256;

  private static final String DELTA_CRL_INDICATOR = Extension.deltaCRLIndicator.getId();
  private static final String ISSUING_DISTRIBUTION_POINT = Extension.issuingDistributionPoint.getId();
  private static final String CRL_NUMBER = Extension.cRLNumber.getId();

  private final RevocationFetcher fetcher;
  private final Clock clock;
  private final Duration skew;
  private final long maxBytes;
  private final int maxEntries;
  private final Map<URI, CachedCrl> cache = new ConcurrentHashMap<>();
  private final Deque<URI> insertionOrder = new ArrayDeque<>();
  private final Map<URI, CompletableFuture<CachedCrl>> loading = new ConcurrentHashMap<>();

  CrlClient(RevocationFetcher fetcher, Clock clock, Duration skew, long maxBytes, int maxEntries) {
    this.fetcher = fetcher;
    this.clock = clock;
    this.skew = skew;
    this.maxBytes = maxBytes;
    this.maxEntries = Math.max(1, Math.min(maxEntries, MAX_CACHED_CRLS));
  }

  /** The current CRL behind this URL, from cache or freshly fetched. */
  CachedCrl load(URI url) throws UnusableSourceException {
    Instant now = clock.instant();
    CachedCrl cached = cache.get(url);
    if (cached != null && now.isBefore(cached.nextUpdate())) {
      return cached;
    }
    CompletableFuture<CachedCrl> mine = new CompletableFuture<>();
    CompletableFuture<CachedCrl> running = loading.putIfAbsent(url, mine);
    if (running != null) {
      // Another thread is fetching this URL; its fetch is bounded by the timeout, so is this wait.
      try {
        return running.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof UnusableSourceException unusable) {
          throw new UnusableSourceException(unusable.getMessage());
        }
        throw e;
      }
    }
    try {
      CachedCrl fresh = fetchAndParse(url);
      store(url, fresh);
      mine.complete(fresh);
      return fresh;
    } catch (UnusableSourceException | RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      loading.remove(url, mine);
    }
  }

  void clear() {
    synchronized (insertionOrder) {
      cache.clear();
      insertionOrder.clear();
    }
  }

  private CachedCrl fetchAndParse(URI url) throws UnusableSourceException {
    byte[] bytes = fetcher.get(url, maxBytes);
    X509CRL crl;
    try {
      // The JDK factory reads DER and PEM ("-----BEGIN X509 CRL-----") alike.
      crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(bytes));
    } catch (CRLException | CertificateException | RuntimeException e) {
      throw unusableForAll(url, "not a parsable CRL");
    }
    if (crl == null) {
      throw unusableForAll(url, "not a parsable CRL");
    }
    checkComplete(url, crl);
    Instant now = clock.instant();
    if (crl.getThisUpdate().toInstant().isAfter(now.plus(skew))) {
      throw unusableForAll(url, "thisUpdate " + crl.getThisUpdate().toInstant() + " is in the future");
    }
    // RFC 5280 5.1.2.5 requires nextUpdate; without it nobody can say the CRL is still current.
    if (crl.getNextUpdate() == null) {
      throw unusableForAll(url, "CRL states no nextUpdate");
    }
    if (crl.getNextUpdate().toInstant().isBefore(now.minus(skew))) {
      throw unusableForAll(url, "stale: nextUpdate " + crl.getNextUpdate().toInstant() + " has passed");
    }
    return new CachedCrl(url, crl, crlNumber(crl));
  }

  /**
   * RFC 5280 5.2 / 6.3.3: a CRL with a critical extension we cannot process must not be used; a
   * delta CRL (5.2.4) is not a complete CRL; an indirect CRL (5.2.5) or one limited to some
   * reasons covers only part of what we need. The one critical extension understood is the
   * issuing distribution point, whose user/CA scope {@link CrlVerifier} applies per certificate.
   */
  private void checkComplete(URI url, X509CRL crl) throws UnusableSourceException {
    Set<String> critical = crl.getCriticalExtensionOIDs();
    if (critical != null) {
      for (String oid : critical) {
        if (oid.equals(DELTA_CRL_INDICATOR)) {
          throw unusableForAll(url, "a delta CRL, not a complete CRL");
        }
        if (!oid.equals(ISSUING_DISTRIBUTION_POINT)) {
          throw unusableForAll(url, "unsupported critical CRL extension " + oid);
        }
      }
    }
    IssuingDistributionPoint idp;
    try {
      idp = issuingDistributionPoint(crl);
    } catch (IllegalArgumentException e) {
      throw unusableForAll(url, e.getMessage());
    }
    if (idp != null && (idp.isIndirectCRL() || idp.getOnlySomeReasons() != null || idp.onlyContainsAttributeCerts())) {
      throw unusableForAll(url, "an indirect, partitioned or attribute-certificate CRL");
    }
  }

  static IssuingDistributionPoint issuingDistributionPoint(X509CRL crl) {
    byte[] value = crl.getExtensionValue(ISSUING_DISTRIBUTION_POINT);
    if (value == null) {
      return null;
    }
    try {
      return IssuingDistributionPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("malformed issuing distribution point", e);
    }
  }

  private static BigInteger crlNumber(X509CRL crl) {
    byte[] value = crl.getExtensionValue(CRL_NUMBER);
    if (value == null) {
      return null;
    }
    try {
      return ASN1Integer.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).getValue();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A problem of the CRL itself, the same for every certificate: remembered for a few seconds. */
  private UnusableSourceException unusableForAll(URI url, String reason) {
    fetcher.remember(url, reason);
    return new UnusableSourceException(reason);
  }

  private void store(URI url, CachedCrl crl) {
    synchronized (insertionOrder) {
      if (cache.put(url, crl) == null) {
        insertionOrder.addLast(url);
      }
      while (cache.size() > maxEntries && !insertionOrder.isEmpty()) {
        cache.remove(insertionOrder.removeFirst());
      }
    }
  }
}
