package vn.customs.swg.trust.material;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.trust.revocation.RevocationSources;

/**
 * The files the partner registry is read from, as configured: every partner's trust anchors,
 * intermediates, registered signing and TLS client certificates and {@code file:} CRL sources. This is what
 * {@link TrustFileWatcher} watches; a file the registry reads must be listed here, or a change to
 * it waits for an operator's reload.
 */
public final class TrustFiles {

  private TrustFiles() {}

  public static Collection<Path> of(Map<String, GatewayProperties.Partner> partners) {
    Set<Path> files = new LinkedHashSet<>();
    partners.values().forEach(partner -> {
      files.addAll(partner.trustAnchors());
      files.addAll(partner.intermediates());
      files.addAll(partner.certificates());
      files.addAll(partner.tlsClientCertificates());
      partner.crlUrls().stream()
          .filter(source -> "file".equals(source.getScheme()))
          .map(RevocationSources::fileOf)
          .forEach(files::add);
    });
    return List.copyOf(files);
  }
}
