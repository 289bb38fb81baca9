package vn.customs.swg.trust.revocation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Decides which revocation URLs may be fetched at all. A URL the partner's certificate names (AIA
 * id-ad-ocsp, CRL distribution point) is attacker-influenced input, so it is fetched only if it is
 * http or https and, after normalisation, starts with one of
 * {@code gateway.trust.revocation.allowed-urls}; a configured source is trusted because an
 * operator wrote it, and only configuration may name a {@code file:} CRL. The URI returned is the
 * normalised one, so what was checked is exactly what is fetched.
 */
final class UrlPolicy {

  static final String NOT_ALLOWED = "not allowed by gateway.trust.revocation.allowed-urls";

  private final List<String> allowedPrefixes;

  UrlPolicy(List<String> allowedPrefixes) {
    // Prefixes are normalised like URLs, so "HTTP://CRL.Example.vn" and "http://crl.example.vn/"
    // are the same prefix, and an authority-only prefix always ends in "/": a prefix
    // "http://crl.example.vn" can then never match "http://crl.example.vn.evil.test/" or
    // "http://crl.example.vn@evil.test/". A prefix that is not a usable http(s) URL matches nothing.
    this.allowedPrefixes = allowedPrefixes == null ? List.of()
        : allowedPrefixes.stream().map(UrlPolicy::normaliseOrNull).filter(Objects::nonNull).toList();
  }

  /** A URL read from the certificate: normalised, http(s) only, and on the allow-list. */
  URI fromCertificate(String raw) throws UnusableSourceException {
    String normalised;
    try {
      normalised = normalise(raw);
    } catch (UnusableSourceException e) {
      throw new UnusableSourceException(NOT_ALLOWED + " (" + e.getMessage() + ")");
    }
    for (String prefix : allowedPrefixes) {
      if (normalised.startsWith(prefix)) {
        return URI.create(normalised);
      }
    }
    throw new UnusableSourceException(NOT_ALLOWED);
  }

  /** A configured OCSP responder: allowed as such, but still only http(s). */
  URI configuredOcsp(URI configured) throws UnusableSourceException {
    return URI.create(normalise(configured.toString()));
  }

  /** A configured CRL source: allowed as such; http(s), or a local file. */
  URI configuredCrl(URI configured) throws UnusableSourceException {
    if ("file".equalsIgnoreCase(configured.getScheme())) {
      if (configured.getRawAuthority() != null && !configured.getRawAuthority().isEmpty()) {
        // file://host/... would be a network share; revocation files are local by design.
        throw new UnusableSourceException("file URL with a host is not read");
      }
      return configured.normalize();
    }
    return URI.create(normalise(configured.toString()));
  }

  private static String normaliseOrNull(String prefix) {
    try {
      return normalise(prefix.trim());
    } catch (UnusableSourceException | RuntimeException e) {
      return null;
    }
  }

  /**
   * scheme://host[:port]/path[?query] with lower-case scheme and host, default port dropped and
   * dot segments removed (RFC 3986 6.2.2); anything ambiguous is refused rather than guessed.
   */
  static String normalise(String raw) throws UnusableSourceException {
    URI uri;
    try {
      uri = new URI(raw).normalize();
    } catch (URISyntaxException e) {
      throw new UnusableSourceException("malformed URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      // ldap:, ftp:, file: and friends from a certificate are never fetched (RFC 5280 4.2.1.13
      // allows them; the gateway does not).
      throw new UnusableSourceException("scheme " + (scheme.isEmpty() ? "(none)" : scheme) + " is not fetched");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      throw new UnusableSourceException("URL with user info, fragment or no host is not fetched");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String lowerPath = path.toLowerCase(Locale.ROOT);
    if (path.startsWith("/..") || lowerPath.contains("%2e") || lowerPath.contains("%2f") || path.contains("\\")) {
      // Encoded dots or slashes could be decoded by the server after our prefix check.
      throw new UnusableSourceException("URL with encoded or unresolved path segments is not fetched");
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }
}
