package vn.customs.swg.cli;

import java.nio.file.Path;
import java.time.Clock;
import org.w3c.dom.Document;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import vn.customs.swg.signature.SenderSigner;

/**
 * The signing options shared by {@code sign} and {@code send}: where the key comes from (a PKCS#12
 * keystore, or PEM key and certificate files), {@code --fresh} and {@code --force}. It decides
 * whether an envelope may be signed: never one that carries gateway-only parts (Routing,
 * SystemSignature, which the gateway refuses from partners and whose signature a new sender
 * signature would break), and one that is already signed only with {@code --force}, which
 * replaces the old sender signature.
 */
final class SigningOptions {

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  KeySource keySource;

  @Option(names = "--fresh",
      description = "Give the envelope a new messageId (From identity + 32 hex digits) and sentAt (now, +07:00) before signing.")
  boolean fresh;

  @Option(names = "--force", description = "Replace an existing SenderSignature instead of refusing the envelope.")
  boolean force;

  /** Exactly one way to the key. */
  static final class KeySource {
    @ArgGroup(exclusive = false, heading = "Key from a PKCS#12 keystore:%n")
    Keystore keystore;

    @ArgGroup(exclusive = false, heading = "Key from PEM files:%n")
    Pem pem;

    /** The key and KeyInfo certificates from whichever source was given. */
    KeyMaterial load() {
      if (keystore != null) {
        return KeyMaterial.fromKeystore(keystore.file, keystore.password, keystore.alias);
      }
      return KeyMaterial.fromPem(pem.key, pem.certificate, pem.chain);
    }
  }

  static final class Keystore {
    @Option(names = "--keystore", required = true, paramLabel = "<p12>", description = "PKCS#12 keystore with the signing key.")
    Path file;

    @Option(names = "--password", required = true, paramLabel = "<password>",
        description = "Keystore (and key) password.")
    char[] password;

    @Option(names = "--alias", paramLabel = "<alias>", description = "Key entry; default: the keystore's only key entry.")
    String alias;
  }

  static final class Pem {
    @Option(names = "--key", required = true, paramLabel = "<key.pem>", description = "Unencrypted PKCS#8 private key.")
    Path key;

    @Option(names = "--cert", required = true, paramLabel = "<cert.pem>", description = "The signing certificate.")
    Path certificate;

    @Option(names = "--chain", paramLabel = "<chain.pem>", description = "Intermediate certificates for KeyInfo.")
    Path chain;
  }

  boolean hasKey() {
    return keySource != null && (keySource.keystore != null || keySource.pem != null);
  }

  /**
   * Signs {@code envelope} in place with the sender profile, after {@code --fresh} if asked.
   *
   * @return the envelope's messageId as signed
   * @throws IllegalArgumentException when the envelope or the options do not allow signing
   */
  String sign(Document envelope, Clock clock) {
    if (EnvelopeParts.has(envelope, "Routing") || EnvelopeParts.has(envelope, "Signatures", "SystemSignature")) {
      throw new IllegalArgumentException("the envelope carries gateway-only Routing or SystemSignature;"
          + " a partner never sends those");
    }
    if (EnvelopeParts.has(envelope, "Signatures", "SenderSignature")) {
      if (!force) {
        throw new IllegalArgumentException("the envelope already has a SenderSignature; add --force to replace it");
      }
      EnvelopeParts.removeSignature(envelope, "SenderSignature");
    }
    if (!hasKey()) {
      throw new IllegalArgumentException("no signing key: give --keystore and --password, or --key and --cert");
    }
    KeyMaterial key = keySource.load();
    if (fresh) {
      FreshReference.apply(envelope, clock);
    }
    new SenderSigner().sign(envelope, key.privateKey(), key.keyInfoChain());
    return EnvelopeParts.text(envelope, "Header", "Reference", "messageId");
  }

}
