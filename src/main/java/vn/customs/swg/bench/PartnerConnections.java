package vn.customs.swg.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import vn.customs.swg.config.GatewayProperties.PushTls;
import vn.customs.swg.delivery.PushTlsContext;

/**
 * The HTTP client each sending partner posts with. Over plain HTTP every partner shares one; over
 * TLS (the prod profile) each partner connects with its own TLS client certificate, because the
 * gateway names the connecting partner by it and refuses another partner's From with SWG-SEC-010.
 * The TLS material is laid out as certs/dev/tls: {@code partners/<partner>/keystore.p12} and
 * {@code truststore.p12} (the CA of the gateway's server certificate), one password for all.
 */
public final class PartnerConnections {

  private final Duration connectTimeout;
  private final Path tlsDirectory;
  private final String tlsPassword;
  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

  private PartnerConnections(Duration connectTimeout, Path tlsDirectory, String tlsPassword) {
    this.connectTimeout = connectTimeout;
    this.tlsDirectory = tlsDirectory;
    this.tlsPassword = tlsPassword;
  }

  /** One client for every partner: plain HTTP, or HTTPS without client certificates. */
  public static PartnerConnections shared(Duration connectTimeout) {
    return new PartnerConnections(connectTimeout, null, null);
  }

  /** A client per partner, presenting {@code <tlsDirectory>/partners/<partner>/keystore.p12}. */
  public static PartnerConnections withClientCertificates(Duration connectTimeout, Path tlsDirectory, String password) {
    return new PartnerConnections(connectTimeout, tlsDirectory, password);
  }

  /** The client {@code partner} posts with; built on first use, kept for keep-alive. */
  public HttpClient forPartner(String partner) {
    return clients.computeIfAbsent(tlsDirectory == null ? "" : partner, this::build);
  }

  private HttpClient build(String partner) {
    // HTTP/1.1: no h2c upgrade attempt on plain http; the client keeps its connections alive.
    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout);
    if (tlsDirectory != null) {
      SSLContext context = PushTlsContext.create(new PushTls(
          tlsDirectory.resolve("partners").resolve(partner).resolve("keystore.p12"), tlsPassword,
          tlsDirectory.resolve("truststore.p12"), tlsPassword), "--tls-dir: " + partner + " ");
      builder.sslContext(context);
    }
    return builder.build();
  }
}
