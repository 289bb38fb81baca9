package vn.customs.swg.testsupport;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * Partners' HTTPS clients for a gateway on the {@code tls} profile: the dev TLS material of
 * certs/dev/tls, or any key and chain a test built (TestPki), on java.net.http.HttpClient.
 */
public final class TlsClients {

  public static final Path DEV_TLS = DevPartner.DEV_PKI.resolve("tls");
  private static final char[] PASSWORD = DevPartner.PASSWORD.toCharArray();

  private TlsClients() {}

  /** A partner's HTTPS client presenting the dev TLS client certificate of that partner. */
  public static GatewayClient devPartner(int port, String partnerId) {
    KeyStore keys = load(DEV_TLS.resolve("partners/" + partnerId + "/keystore.p12"));
    return client(port, context(keys, partnerId));
  }

  /** An HTTPS client that presents this key and chain, whatever CAs the server asks for. */
  public static GatewayClient presenting(int port, PrivateKey key, X509Certificate... chain) {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("client", key, PASSWORD, chain);
      return client(port, context(keys, "client"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An HTTPS client with no client certificate at all, trusting the gateway's dev TLS CA. */
  public static GatewayClient withoutCertificate(int port) {
    return client(port, context(null, null));
  }

  private static GatewayClient client(int port, SSLContext context) {
    HttpClient http = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    return new GatewayClient(URI.create("https://127.0.0.1:" + port), http);
  }

  private static SSLContext context(KeyStore keys, String alias) {
    try {
      KeyManager[] keyManagers = null;
      if (keys != null) {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD);
        keyManagers = new KeyManager[] {new FixedAlias((X509KeyManager) factory.getKeyManagers()[0], alias)};
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(load(DEV_TLS.resolve("truststore.p12")));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, trust.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD);
      return store;
    } catch (Exception e) {
      throw new IllegalStateException("cannot open " + file, e);
    }
  }

  /**
   * Always offers the one key, even when its issuer is not among the CAs the server named: the
   * JDK's key manager would otherwise send no certificate, and a test of a foreign CA would test
   * "no certificate" instead.
   */
  private static final class FixedAlias extends X509ExtendedKeyManager {
    private final X509KeyManager keys;
    private final String alias;

    FixedAlias(X509KeyManager keys, String alias) {
      this.keys = keys;
      this.alias = alias;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return alias;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return alias;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {alias};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String requested) {
      return keys.getCertificateChain(requested);
    }

    @Override
    public PrivateKey getPrivateKey(String requested) {
      return keys.getPrivateKey(requested);
    }
  }
}
