package vn.customs.swg.trust.revocation;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a partner's revocation answers come from when configuration says so: an OCSP responder
 * and CRL sources that replace the certificate's own AIA and CRL distribution points. Configured
 * sources are allowed because they are configured; the certificate's own only via the allow-list.
 *
 * @param ocspUrl configured OCSP responder, or null to use the certificate's AIA
 * @param crlUrls configured CRL sources (http, https or file), or empty to use the certificate's
 */
public record RevocationSources(URI ocspUrl, List<URI> crlUrls) {

  public static final RevocationSources FROM_CERTIFICATE = new RevocationSources(null, List.of());

  public RevocationSources {
    crlUrls = List.copyOf(crlUrls);
  }

  /**
   * The file a configured {@code file:} source names. Relative ones ({@code file:certs/dev/crl/x.crl},
   * an opaque URI that {@code Path.of(URI)} refuses) resolve against the working directory, like
   * every other path in the configuration; absolute ones ({@code file:///etc/swg/x.crl}) as usual.
   */
  public static Path fileOf(URI source) {
    if (source.isOpaque()) {
      return Path.of(source.getSchemeSpecificPart());
    }
    return Path.of(source);
  }
}
