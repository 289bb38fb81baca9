package vn.customs.swg.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import vn.customs.swg.config.GatewayProperties.PushTls;
import vn.customs.swg.delivery.PushTlsContext;

/**
 * The HTTP client each sending partner posts with. Over plain HTTP every partner shares one; over
 * TLS (the prod profile) each partner connects with its own TLS client certificate, because the
 * gateway names the connecting partner by it and refuses another partner's From with SWG-SEC-010.
 * The TLS material is laid out as certs/dev/tls: {@code partners/<partner>/keystore.p12} and
 * {@code truststore.p12} (the CA of the gateway's server certificate), one password for all.
 *
 * <p>The clients are Apache HttpClient's classic (blocking) ones: each sender thread holds a
 * pooled keep-alive connection, nothing is retried behind the caller's back (a reset is a
 * transport error the run must see), and a message costs the load generator about half the CPU of
 * the JDK's asynchronous HttpClient, CPU that the gateway under test gets back when both share
 * a machine.
 */
public final class PartnerConnections implements AutoCloseable {

  /** More connections per client than any run keeps outstanding. */
  private static final int MAX_CONNECTIONS = 1024;

  /** To connect, and for each answer. */
  private final Duration timeout;
  private final Path tlsDirectory;
  private final String tlsPassword;
  private final Map<String, CloseableHttpClient> clients = new ConcurrentHashMap<>();

  private PartnerConnections(Duration timeout, Path tlsDirectory, String tlsPassword) {
    this.timeout = timeout;
    this.tlsDirectory = tlsDirectory;
    this.tlsPassword = tlsPassword;
  }

  /**
   * One client for every partner: plain HTTP, or HTTPS without client certificates.
   *
   * @param timeout to connect, and for each answer
   */
  public static PartnerConnections shared(Duration timeout) {
    return new PartnerConnections(timeout, null, null);
  }

  /** A client per partner, presenting {@code <tlsDirectory>/partners/<partner>/keystore.p12}. */
  public static PartnerConnections withClientCertificates(Duration timeout, Path tlsDirectory, String password) {
    return new PartnerConnections(timeout, tlsDirectory, password);
  }

  /** The client {@code partner} posts with; built on first use, kept for keep-alive. */
  public CloseableHttpClient forPartner(String partner) {
    return clients.computeIfAbsent(tlsDirectory == null ? "" : partner, this::build);
  }

  /**
   * Closes every client and its pooled connections: a command that posts in rounds (fault-load)
   * would otherwise keep each round's keep-alive connections, and the gateway its threads for them,
   * until the process ends.
   */
  @Override
  public void close() {
    clients.values().forEach(client -> client.close(CloseMode.GRACEFUL));
    clients.clear();
  }

  private CloseableHttpClient build(String partner) {
    PoolingHttpClientConnectionManagerBuilder pool = PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnTotal(MAX_CONNECTIONS).setMaxConnPerRoute(MAX_CONNECTIONS)
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(timeout.toMillis(), TimeUnit.MILLISECONDS))
            // A connection idle for a second is checked before reuse: the gateway may have closed
            // it meanwhile, and without retries a stale one would be a transport error.
            .setValidateAfterInactivity(TimeValue.ofSeconds(1)).build());
    if (tlsDirectory != null) {
      SSLContext context = PushTlsContext.create(new PushTls(
          tlsDirectory.resolve("partners").resolve(partner).resolve("keystore.p12"), tlsPassword,
          tlsDirectory.resolve("truststore.p12"), tlsPassword), "--tls-dir: " + partner + " ");
      pool.setTlsSocketStrategy(new DefaultClientTlsStrategy(context));
    }
    return HttpClients.custom().setConnectionManager(pool.build())
        .setDefaultRequestConfig(RequestConfig.custom()
            .setResponseTimeout(Timeout.of(timeout.toMillis(), TimeUnit.MILLISECONDS)).build())
        .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
        .disableContentCompression().disableAuthCaching()
        .build();
  }
}
