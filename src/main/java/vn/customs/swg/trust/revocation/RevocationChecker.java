package vn.customs.swg.trust.revocation;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides the revocation status of one certificate, failing closed: a fresh cached answer if
 * there is one; otherwise OCSP (the configured responder, else the certificate's AIA id-ad-ocsp
 * URL); if OCSP gives no usable answer (down, slow, malformed, bad or unauthorised signature,
 * nonce mismatch, stale, "unknown"), the CRLs (configured, else the certificate's distribution
 * points); and if nothing usable remains, UNAVAILABLE with a detail naming every source tried and
 * why it was not used. REVOKED from either source is final: a CRL is never consulted to overrule
 * an OCSP "revoked". URLs from the certificate are fetched only when on the allow-list. Safe for
 * any number of request threads; concurrent checks of the same certificate share one lookup.
 */
public final class RevocationChecker {

  /**
   * UNAVAILABLE is remembered this long (or less, if cache-period-without-next-update is shorter):
   * long enough that a burst of messages from one partner does not hammer a dead responder, short
   * enough that a recovered responder is seen within seconds. The sender gets SWG-SEC-008, which
   * is retryable.
   */
  static final Duration UNAVAILABLE_CACHE_PERIOD = Duration.ofSeconds(5);

  /** URLs of one kind taken from a certificate; more are ignored, so a crafted certificate cannot queue many fetches. */
  static final int MAX_URLS_PER_KIND = 3;

  private final RevocationSettings settings;
  private final Clock clock;
  private final UrlPolicy urlPolicy;
  private final RevocationFetcher fetcher;
  private final OcspClient ocsp;
  private final CrlClient crls;
  private final CrlVerifier crlVerifier;
  private final AnswerCache cache;
  private final Map<AnswerCache.Key, CompletableFuture<RevocationAnswer>> inFlight = new ConcurrentHashMap<>();

  public RevocationChecker(RevocationSettings settings, Clock clock) {
    this.settings = validated(settings);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.urlPolicy = new UrlPolicy(settings.allowedUrlPrefixes());
    this.fetcher = new RevocationFetcher(settings.timeout(), clock);
    this.ocsp = new OcspClient(fetcher, new OcspResponseVerifier(clock, settings.clockSkew()));
    this.crls = new CrlClient(fetcher, clock, settings.clockSkew(), settings.maxCrlBytes(), settings.cacheMaxEntries());
    this.crlVerifier = new CrlVerifier(clock, settings.clockSkew());
    this.cache = new AnswerCache(settings.cacheMaxEntries());
  }

  /**
   * The revocation status of {@code certificate}, issued by {@code issuer} (the next certificate
   * of its validated path). Never throws for a network or content problem: those end in
   * UNAVAILABLE. The returned answer may be shared with other callers: do not modify its evidence.
   *
   * @param sources configured sources for the partner, or {@link RevocationSources#FROM_CERTIFICATE}
   */
  public RevocationAnswer check(X509Certificate certificate, X509Certificate issuer, RevocationSources sources) {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(issuer, "issuer");
    AnswerCache.Key key = new AnswerCache.Key(issuer, certificate.getSerialNumber());
    RevocationAnswer cached = cache.get(key, clock.instant());
    if (cached != null) {
      return cached;
    }
    CompletableFuture<RevocationAnswer> mine = new CompletableFuture<>();
    CompletableFuture<RevocationAnswer> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      // Same certificate already being looked up by another thread: its lookup is bounded by
      // the fetch timeouts and always completes (see finally below).
      return running.join();
    }
    RevocationAnswer answer = null;
    try {
      answer = cache.get(key, clock.instant());
      if (answer == null) {
        answer = resolve(certificate, issuer, sources == null ? RevocationSources.FROM_CERTIFICATE : sources);
        Instant now = clock.instant();
        cache.put(key, answer, expiry(answer, now), now);
      }
    } catch (RuntimeException e) {
      // Fail closed on anything unforeseen; not cached, so the next message tries again.
      answer = RevocationAnswer.unavailable("revocation check failed: internal error (" + e.getClass().getSimpleName() + ")");
    } finally {
      inFlight.remove(key, mine);
      // Waiters are always released, even if an Error escapes this thread.
      mine.complete(answer != null ? answer : RevocationAnswer.unavailable("revocation check aborted"));
    }
    return answer;
  }

  /** Forgets every cached answer, CRL and remembered failure (trust material reload). */
  public void clear() {
    cache.clear();
    crls.clear();
    fetcher.clear();
  }

  private RevocationAnswer resolve(X509Certificate certificate, X509Certificate issuer, RevocationSources sources) {
    String subject = "serial " + certificate.getSerialNumber().toString(16) + " issued by "
        + certificate.getIssuerX500Principal().getName();
    if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      return RevocationAnswer.unavailable("no revocation check for " + subject + ": the issuer given is "
          + issuer.getSubjectX500Principal().getName());
    }
    List<String> problems = new ArrayList<>();
    for (URI url : ocspTargets(certificate, sources, problems)) {
      try {
        return ocsp.query(url, certificate, issuer);
      } catch (UnusableSourceException e) {
        problems.add("OCSP " + url + ": " + e.getMessage());
      }
    }
    for (URI url : crlTargets(certificate, sources, problems)) {
      try {
        return crlVerifier.status(crls.load(url), certificate, issuer);
      } catch (UnusableSourceException e) {
        problems.add("CRL " + url + ": " + e.getMessage());
      }
    }
    return RevocationAnswer.unavailable("no usable revocation answer for " + subject + ": " + String.join("; ", problems));
  }

  private List<URI> ocspTargets(X509Certificate certificate, RevocationSources sources, List<String> problems) {
    if (sources.ocspUrl() != null) {
      try {
        return List.of(urlPolicy.configuredOcsp(sources.ocspUrl()));
      } catch (UnusableSourceException e) {
        problems.add("OCSP " + printable(sources.ocspUrl().toString()) + " (configured): " + e.getMessage());
        return List.of();
      }
    }
    try {
      List<String> urls = CertificateUrls.ocsp(certificate);
      if (urls.isEmpty()) {
        problems.add("OCSP: no responder configured and no id-ad-ocsp URL in the certificate");
      }
      return allowed("OCSP", urls, problems);
    } catch (UnusableSourceException e) {
      problems.add("OCSP: " + e.getMessage());
      return List.of();
    }
  }

  private List<URI> crlTargets(X509Certificate certificate, RevocationSources sources, List<String> problems) {
    if (!sources.crlUrls().isEmpty()) {
      List<URI> urls = new ArrayList<>();
      for (URI configured : sources.crlUrls()) {
        try {
          urls.add(urlPolicy.configuredCrl(configured));
        } catch (UnusableSourceException e) {
          problems.add("CRL " + printable(configured.toString()) + " (configured): " + e.getMessage());
        }
      }
      return urls;
    }
    try {
      List<String> urls = CertificateUrls.crl(certificate);
      if (urls.isEmpty()) {
        problems.add("CRL: none configured and no usable distribution point in the certificate");
      }
      return allowed("CRL", urls, problems);
    } catch (UnusableSourceException e) {
      problems.add("CRL: " + e.getMessage());
      return List.of();
    }
  }

  private List<URI> allowed(String kind, List<String> fromCertificate, List<String> problems) {
    List<URI> urls = new ArrayList<>();
    for (int i = 0; i < fromCertificate.size(); i++) {
      String raw = fromCertificate.get(i);
      if (i >= MAX_URLS_PER_KIND) {
        problems.add(kind + ": " + (fromCertificate.size() - i) + " further URL(s) in the certificate ignored");
        break;
      }
      try {
        urls.add(urlPolicy.fromCertificate(raw));
      } catch (UnusableSourceException e) {
        problems.add(kind + " " + printable(raw) + ": " + e.getMessage());
      }
    }
    return urls;
  }

  private Instant expiry(RevocationAnswer answer, Instant now) {
    Duration withoutNextUpdate = settings.cachePeriodWithoutNextUpdate();
    if (answer.status() == RevocationAnswer.Status.UNAVAILABLE) {
      return now.plus(UNAVAILABLE_CACHE_PERIOD.compareTo(withoutNextUpdate) < 0 ? UNAVAILABLE_CACHE_PERIOD : withoutNextUpdate);
    }
    return answer.nextUpdate() != null ? answer.nextUpdate() : now.plus(withoutNextUpdate);
  }

  /** A URL from a certificate goes into logs and records: no control characters, bounded length. */
  private static String printable(String raw) {
    StringBuilder out = new StringBuilder(Math.min(raw.length(), 200));
    for (int i = 0; i < raw.length() && i < 200; i++) {
      char c = raw.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return raw.length() > 200 ? out.append("...").toString() : out.toString();
  }

  private static RevocationSettings validated(RevocationSettings settings) {
    Objects.requireNonNull(settings, "settings");
    require(settings.timeout() != null && !settings.timeout().isNegative() && !settings.timeout().isZero(),
        "gateway.trust.revocation.timeout must be positive");
    require(settings.maxCrlBytes() > 0, "gateway.trust.revocation.max-crl-bytes must be positive");
    require(settings.cacheMaxEntries() > 0, "gateway.trust.revocation.cache-max-entries must be positive");
    require(settings.cachePeriodWithoutNextUpdate() != null && !settings.cachePeriodWithoutNextUpdate().isNegative(),
        "gateway.trust.revocation.cache-period-without-next-update must not be negative");
    require(settings.clockSkew() != null && !settings.clockSkew().isNegative(),
        "gateway.trust.revocation.clock-skew must not be negative");
    return settings;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
