package vn.customs.swg.testsupport;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/** The key and certificate chain of a dev partner (or the gateway), from certs/dev. */
public record DevPartner(String id, PrivateKey key, List<X509Certificate> chain) {

  public static final Path DEV_PKI = Path.of("certs/dev");
  public static final String PASSWORD = "changeit";

  public static DevPartner load(String id) {
    return fromKeystore(id, DEV_PKI.resolve("partners").resolve(id).resolve("keystore.p12"), id);
  }

  public static DevPartner gateway() {
    return fromKeystore("gateway", DEV_PKI.resolve("gateway/keystore.p12"), "gateway");
  }

  private static DevPartner fromKeystore(String id, Path file, String alias) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD.toCharArray());
      PrivateKey key = (PrivateKey) store.getKey(alias, PASSWORD.toCharArray());
      Certificate[] chain = store.getCertificateChain(alias);
      // KeyInfo carries leaf and intermediates, not the self-signed root.
      List<X509Certificate> certificates = Arrays.stream(chain).map(X509Certificate.class::cast)
          .filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal())).toList();
      return new DevPartner(id, key, certificates);
    } catch (Exception e) {
      throw new IllegalStateException("cannot load dev key material of " + id + " from " + file, e);
    }
  }

  public X509Certificate certificate() {
    return chain.get(0);
  }
}
