package vn.customs.swg.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;
import vn.customs.swg.bench.PartnerConnections;

/**
 * TLS for the load commands ({@code bench}, {@code fault-load}) against a gateway that names the
 * connecting partner by its TLS client certificate (the prod profile): each sending partner
 * connects with its own.
 */
final class PartnerTlsOptions {

  @Option(names = "--tls-dir", description = "Post over TLS, each partner with its own client certificate:"
      + " <dir>/partners/<partner>/keystore.p12, and <dir>/truststore.p12 for the gateway's server"
      + " certificate (the layout of certs/dev/tls).")
  Path directory;

  @Option(names = "--tls-password", defaultValue = "changeit", description = "Password of those stores"
      + " (default: ${DEFAULT-VALUE}).")
  String password;

  PartnerConnections connections(Duration timeout) {
    return directory == null ? PartnerConnections.shared(timeout)
        : PartnerConnections.withClientCertificates(timeout, directory, password);
  }
}
