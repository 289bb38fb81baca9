package vn.customs.swg.signature;

import static vn.customs.swg.signature.EnvelopeXml.ENVELOPE_NS;
import static vn.customs.swg.signature.EnvelopeXml.children;
import static vn.customs.swg.signature.EnvelopeXml.idOf;
import static vn.customs.swg.signature.EnvelopeXml.is;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Produces a partner's sender signature (ENVELOPE.md section 2), for the partner CLI and tests: a
 * ds:Signature with Id {@code sender-signature} in Signatures/SenderSignature, referencing exactly
 * Header and Body with exclusive C14N, signed rsa-sha256 or ecdsa-sha256 by key type with sha256
 * digests unless the constructor overrides the URIs (tests use that to build SHA-1 or otherwise
 * refused signatures), and KeyInfo/X509Data carrying the given certificates in the given order.
 * It checks nothing against the profile: that is the verifier's job, and tests need bad signatures.
 */
public final class SenderSigner {

  static final String SENDER_SIGNATURE_ID = "sender-signature";

  private final String signatureMethodOverride;
  private final String digestMethod;

  /** The profile's defaults: rsa-sha256 or ecdsa-sha256 by key type, sha256 digests. */
  public SenderSigner() {
    this(null, SignatureProfile.SHA256);
  }

  /**
   * @param signatureMethodUri the SignatureMethod to use, or null to choose by key type
   * @param digestMethodUri the DigestMethod of both references
   */
  public SenderSigner(String signatureMethodUri, String digestMethodUri) {
    this.signatureMethodOverride = signatureMethodUri;
    this.digestMethod = digestMethodUri;
  }

  /**
   * Signs Header and Body of {@code envelope} in place.
   *
   * @param chain the certificates for KeyInfo, normally the signer's leaf then its intermediates
   */
  public void sign(Document envelope, PrivateKey key, List<X509Certificate> chain) {
    Element root = envelope.getDocumentElement();
    if (!is(root, ENVELOPE_NS, "Envelope")) {
      throw new IllegalArgumentException("not a swg:Envelope");
    }
    Map<String, Element> targets = new LinkedHashMap<>();
    for (String part : List.of("Header", "Body")) {
      Element element = SignatureWriter.requiredPart(root, part);
      targets.put("#" + idOf(element), element);
    }
    Element signatures = SignatureWriter.signaturesOf(root);
    if (!children(signatures, ENVELOPE_NS, "SenderSignature").isEmpty()) {
      throw new IllegalStateException("the envelope already carries a SenderSignature");
    }
    SignatureWriter.refuseDuplicateIds(envelope);
    Element holder = envelope.createElementNS(ENVELOPE_NS, SignatureWriter.qualified(root, "SenderSignature"));
    // SenderSignature comes first in Signatures, before a SystemSignature if one were there.
    signatures.insertBefore(holder, signatures.getFirstChild());
    String method = signatureMethodOverride != null ? signatureMethodOverride : defaultSignatureMethod(key);
    SignatureWriter.write(holder, targets, method, digestMethod, chain, SENDER_SIGNATURE_ID, key);
  }

  /** rsa-sha256 for RSA keys, ecdsa-sha256 for EC keys: the profile's defaults. */
  static String defaultSignatureMethod(PrivateKey key) {
    return switch (key.getAlgorithm()) {
      case "RSA" -> SignatureProfile.RSA_SHA256;
      case "EC" -> SignatureProfile.ECDSA_SHA256;
      default -> throw new IllegalArgumentException("no profile signature method for " + key.getAlgorithm() + " keys");
    };
  }
}
