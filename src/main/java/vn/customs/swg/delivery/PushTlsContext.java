package vn.customs.swg.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import vn.customs.swg.config.ConfigurationException;
import vn.customs.swg.config.GatewayProperties.PushTls;

/**
 * Builds the TLS context of HTTP push from {@code gateway.push-tls}: the gateway's client
 * certificate for partner endpoints that require one, and the CAs of partner servers. A wrong
 * file or password stops start-up with a sentence; passwords are never printed.
 */
public final class PushTlsContext {

  private PushTlsContext() {}

  /** The context to push with, or null when nothing is configured (JVM defaults). */
  public static SSLContext create(PushTls settings) {
    return create(settings, "gateway.push-tls.");
  }

  /**
   * The same for another client of partner-facing TLS (the CLI's {@code send}): errors name the
   * setting as {@code keyPrefix} followed by {@code keystore} or {@code truststore}.
   */
  public static SSLContext create(PushTls settings, String keyPrefix) {
    if (settings.keystore() == null && settings.truststore() == null) {
      return null;
    }
    try {
      KeyManagerFactory keys = null;
      if (settings.keystore() != null) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(settings.keystore(), settings.keystorePassword(), keyPrefix + "keystore"),
            password(settings.keystorePassword()));
      }
      TrustManagerFactory trust = null;
      if (settings.truststore() != null) {
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(settings.truststore(), settings.truststorePassword(), keyPrefix + "truststore"));
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigurationException(keyPrefix + "keystore, " + keyPrefix + "truststore: cannot build the TLS context", e);
    }
  }

  private static KeyStore load(Path file, String password, String key) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigurationException(key + ": " + file.toAbsolutePath() + " does not exist; point it at a PKCS#12 file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password(password));
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigurationException(key + ": cannot open " + file + " (wrong password or not PKCS#12)", e);
    }
  }

  private static char[] password(String password) {
    return password == null ? new char[0] : password.toCharArray();
  }
}
