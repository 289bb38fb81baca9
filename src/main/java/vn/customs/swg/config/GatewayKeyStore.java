package vn.customs.swg.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * Loads the gateway's signing key and chain from its PKCS#12 keystore, once, at start-up. A wrong
 * path, password or alias stops the start with a sentence; the password is never printed.
 */
public record GatewayKeyStore(PrivateKey privateKey, List<X509Certificate> chain) {

  public static GatewayKeyStore load(GatewayProperties.Keystore settings) {
    String key = "gateway.signing-key";
    if (!Files.isRegularFile(settings.keystore())) {
      throw new ConfigurationException(key + ".keystore: " + settings.keystore().toAbsolutePath()
          + " does not exist; point it at the gateway's PKCS#12 keystore");
    }
    char[] password = settings.password().toCharArray();
    try (InputStream in = Files.newInputStream(settings.keystore())) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      if (!store.isKeyEntry(settings.alias())) {
        throw new ConfigurationException(key + ".alias: the keystore has no private key entry named '"
            + settings.alias() + "'");
      }
      PrivateKey privateKey = (PrivateKey) store.getKey(settings.alias(), password);
      Certificate[] chain = store.getCertificateChain(settings.alias());
      List<X509Certificate> certificates = Arrays.stream(chain).map(X509Certificate.class::cast).toList();
      return new GatewayKeyStore(privateKey, certificates);
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigurationException(key + ": cannot open " + settings.keystore()
          + " (wrong password or not PKCS#12)", e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** The chain a verifier needs: the gateway certificate and intermediates, not the self-signed root. */
  public List<X509Certificate> chainWithoutRoot() {
    return chain.stream()
        .filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal()))
        .toList();
  }

  @Override
  public String toString() {
    return "GatewayKeyStore[" + chain.get(0).getSubjectX500Principal() + "]";
  }
}
