package vn.customs.swg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import vn.customs.swg.trust.PemCertificates;

/**
 * A partner's signing key and the certificates that go into KeyInfo, loaded from a PKCS#12
 * keystore or from PEM files. It refuses a key that does not match its certificate (the
 * signature would never verify) and leaves self-signed roots out of KeyInfo (the verifier's
 * anchors come from its own configuration). Neither the key nor the password is ever printed:
 * {@link #toString()} names the certificate only, and the password array is wiped after use.
 *
 * @param privateKey the signing key
 * @param keyInfoChain the signing certificate first, then its intermediates
 */
record KeyMaterial(PrivateKey privateKey, List<X509Certificate> keyInfoChain) {

  KeyMaterial {
    keyInfoChain = List.copyOf(keyInfoChain);
  }

  /**
   * @param alias the key entry to use, or null for the keystore's only key entry
   */
  static KeyMaterial fromKeystore(Path file, char[] password, String alias) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      String entry = alias != null ? alias : onlyKeyEntry(store, file);
      if (!store.isKeyEntry(entry)) {
        throw new IllegalArgumentException(file + " has no private key entry '" + entry
            + "'; key entries: " + keyEntries(store));
      }
      PrivateKey key = (PrivateKey) store.getKey(entry, password);
      List<X509Certificate> chain = Arrays.stream(store.getCertificateChain(entry))
          .map(X509Certificate.class::cast).toList();
      return checked(key, chain);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot open keystore " + file
          + " (missing file, wrong password or not PKCS#12)", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the key from keystore " + file, e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * @param keyFile unencrypted PKCS#8 ("PRIVATE KEY") or PKCS#1/SEC1 ("RSA/EC PRIVATE KEY") PEM
   * @param chainFile optional PEM with intermediates (the certificate itself may be repeated)
   */
  static KeyMaterial fromPem(Path keyFile, Path certificateFile, Path chainFile) {
    List<X509Certificate> certificates = new ArrayList<>(PemCertificates.read(certificateFile, "--cert"));
    if (chainFile != null) {
      for (X509Certificate certificate : PemCertificates.read(chainFile, "--chain")) {
        if (!certificates.contains(certificate)) {
          certificates.add(certificate);
        }
      }
    }
    return checked(readPrivateKey(keyFile), certificates);
  }

  private static KeyMaterial checked(PrivateKey key, List<X509Certificate> chain) {
    X509Certificate leaf = chain.get(0);
    if (!matches(key, leaf)) {
      throw new IllegalArgumentException("the private key does not belong to the certificate "
          + leaf.getSubjectX500Principal());
    }
    return new KeyMaterial(key, chain.stream().filter(c -> c == leaf || !isSelfSigned(c)).toList());
  }

  private static PrivateKey readPrivateKey(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object pem = parser.readObject();
      PrivateKeyInfo info;
      if (pem instanceof PrivateKeyInfo pkcs8) {
        info = pkcs8;
      } else if (pem instanceof PEMKeyPair pair) {
        info = pair.getPrivateKeyInfo();
      } else {
        throw new IllegalArgumentException(file + " holds no unencrypted private key"
            + " (encrypted keys are not supported: use --keystore)");
      }
      ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
      String family = PKCSObjectIdentifiers.rsaEncryption.equals(algorithm) ? "RSA"
          : X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm) ? "EC" : null;
      if (family == null) {
        throw new IllegalArgumentException(file + " holds a key that is neither RSA nor EC");
      }
      return KeyFactory.getInstance(family).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read private key file " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + " is not a usable private key", e);
    }
  }

  /** Signs a probe with the key and checks it with the certificate: works for RSA and EC alike. */
  private static boolean matches(PrivateKey key, X509Certificate certificate) {
    String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    try {
      byte[] probe = "swg key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signer.sign());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String onlyKeyEntry(KeyStore store, Path file) throws GeneralSecurityException {
    List<String> entries = keyEntries(store);
    if (entries.size() != 1) {
      throw new IllegalArgumentException(file + " has " + entries.size()
          + " key entries " + entries + "; choose one with --alias");
    }
    return entries.get(0);
  }

  private static List<String> keyEntries(KeyStore store) throws GeneralSecurityException {
    List<String> entries = new ArrayList<>();
    for (String alias : Collections.list(store.aliases())) {
      if (store.isKeyEntry(alias)) {
        entries.add(alias);
      }
    }
    return entries;
  }

  private static boolean isSelfSigned(X509Certificate certificate) {
    if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
      return false;
    }
    try {
      certificate.verify(certificate.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "KeyMaterial[" + keyInfoChain.get(0).getSubjectX500Principal() + "]";
  }
}
