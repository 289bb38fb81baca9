package vn.customs.swg.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.swg.config.GatewayProperties.PushTls;
import vn.customs.swg.testsupport.TestPki;
import vn.customs.swg.trust.PemCertificates;

/**
 * HTTP push over TLS as gateway.push-tls configures it: the gateway shows its client certificate
 * to a partner endpoint that requires one, and trusts the partner's server only through its own
 * truststore (TLS trust kept apart from message-signature trust).
 */
class PushTlsTest {

  private static final String PASSWORD = "changeit";
  private final TestPki.Ca partnerTlsCa = TestPki.rootCa("CN=Partner TLS CA");
  private final AtomicReference<String> clientSubject = new AtomicReference<>();
  @TempDir Path dir;
  private HttpsServer server;

  @BeforeEach
  void startPartnerEndpointRequiringClientCertificates() throws Exception {
    TestPki.Issued serverCertificate = partnerTlsCa.issue("CN=localhost", TestPki.rsa(2048),
        java.time.Instant.now().minusSeconds(60), java.time.Instant.now().plus(Duration.ofDays(1)),
        KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
    KeyStore serverKeys = KeyStore.getInstance("PKCS12");
    serverKeys.load(null, null);
    serverKeys.setKeyEntry("server", serverCertificate.keyPair().getPrivate(), PASSWORD.toCharArray(),
        new X509Certificate[] {serverCertificate.certificate(), partnerTlsCa.certificate()});
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(serverKeys, PASSWORD.toCharArray());
    // The partner trusts the gateway's client certificate through the dev root.
    KeyStore clientRoots = KeyStore.getInstance("PKCS12");
    clientRoots.load(null, null);
    clientRoots.setCertificateEntry("root", PemCertificates.read(Path.of("certs/dev/root-ca.pem"), "test").get(0));
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(clientRoots);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    server.setHttpsConfigurator(new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters parameters) {
        var ssl = getSSLContext().getDefaultSSLParameters();
        ssl.setNeedClientAuth(true);
        parameters.setSSLParameters(ssl);
      }
    });
    server.createContext("/swg/messages", exchange -> {
      try (exchange) {
        var peer = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0];
        clientSubject.set(((X509Certificate) peer).getSubjectX500Principal().getName());
        exchange.getRequestBody().readAllBytes();
        byte[] body = "<ok/>".getBytes();
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void pushesWithTheGatewaysClientCertificateToATrustedPartnerServer() throws Exception {
    PushClient client = client(new PushTls(Path.of("certs/dev/gateway/keystore.p12"), PASSWORD, truststore(), PASSWORD));

    var answer = client.post(endpoint(), "<swg:Envelope/>".getBytes()).get(10, TimeUnit.SECONDS);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(clientSubject.get()).contains("CN=SWG Dev Gateway");
  }

  @Test
  void withoutAClientCertificateTheEndpointRefusesTheConnection() throws Exception {
    PushClient client = client(new PushTls(null, null, truststore(), PASSWORD));

    assertThatThrownBy(() -> client.post(endpoint(), "<x/>".getBytes()).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    assertThat(clientSubject.get()).isNull();
  }

  @Test
  void aPartnerServerOutsideTheTruststoreIsNotTrusted() {
    PushClient client = client(new PushTls(Path.of("certs/dev/gateway/keystore.p12"), PASSWORD, null, null));

    assertThatThrownBy(() -> client.post(endpoint(), "<x/>".getBytes()).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
    assertThat(clientSubject.get()).isNull();
  }

  private URI endpoint() {
    return URI.create("https://localhost:" + server.getAddress().getPort() + "/swg/messages");
  }

  private static PushClient client(PushTls tls) {
    return new PushClient(Duration.ofSeconds(5), Duration.ofSeconds(5), 1 << 20, PushTlsContext.create(tls));
  }

  private Path truststore() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("partner-tls-ca", partnerTlsCa.certificate());
    Path file = dir.resolve("partner-tls-trust.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    return file;
  }
}
