package vn.customs.swg.signature;

import static vn.customs.swg.signature.EnvelopeXml.DS_NS;
import static vn.customs.swg.signature.EnvelopeXml.ENVELOPE_NS;
import static vn.customs.swg.signature.EnvelopeXml.ID;
import static vn.customs.swg.signature.EnvelopeXml.children;
import static vn.customs.swg.signature.EnvelopeXml.idOf;
import static vn.customs.swg.signature.EnvelopeXml.is;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Adds the gateway's system signature (ENVELOPE.md section 3): a ds:Signature with Id
 * {@code system-signature} in Signatures/SystemSignature, after any SenderSignature, referencing
 * Header, Body, Routing when present and the sender's ds:Signature when present, so the
 * gateway's verdict is bound to the exact sender signature it checked. It decides the algorithms
 * from the key (RSA → rsa-sha256, EC → ecdsa-sha256; sha256 digests; exclusive C14N) and puts the
 * chain, leaf first and without the self-signed root, in KeyInfo. The sender's signature stays
 * valid: it covers only Header and Body, and the Id this class may add to its ds:Signature
 * element is outside what it signed. Thread-safe: key and chain are fixed at construction.
 */
public final class MessageSigner {

  static final String SYSTEM_SIGNATURE_ID = "system-signature";

  private final PrivateKey key;
  private final List<X509Certificate> keyInfoChain;
  private final String signatureMethod;

  /**
   * @param key the gateway's signing key (RSA of at least 2048 bits, or EC on P-256/P-384)
   * @param chain the key's certificate chain, leaf first; a self-signed root in it is not sent
   */
  public MessageSigner(PrivateKey key, List<X509Certificate> chain) {
    if (chain == null || chain.isEmpty()) {
      throw new IllegalArgumentException("the gateway signing certificate chain is empty");
    }
    this.key = key;
    this.signatureMethod = SenderSigner.defaultSignatureMethod(key);
    X509Certificate leaf = chain.get(0);
    if (!leaf.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
      throw new IllegalArgumentException("the first certificate of the chain is not for the signing key");
    }
    try {
      new SignatureProfile().checkKey(leaf.getPublicKey(), signatureMethod);
    } catch (SignatureRejectedException e) {
      throw new IllegalArgumentException("the gateway signing key is outside the profile: " + e.getMessage(), e);
    }
    // The root is the verifier's trust anchor, configured on its side; sending it adds nothing.
    this.keyInfoChain = chain.stream().filter(certificate -> !isSelfSigned(certificate)).toList();
  }

  /** Signs {@code envelope} in place; an envelope may carry only one system signature. */
  public void signAsGateway(Document envelope) {
    Element root = envelope.getDocumentElement();
    if (!is(root, ENVELOPE_NS, "Envelope")) {
      throw new IllegalArgumentException("not a swg:Envelope");
    }
    Map<String, Element> targets = new LinkedHashMap<>();
    addTarget(targets, SignatureWriter.requiredPart(root, "Header"));
    addTarget(targets, SignatureWriter.requiredPart(root, "Body"));
    if (SignatureWriter.optionalPart(root, "Routing") != null) {
      addTarget(targets, SignatureWriter.requiredPart(root, "Routing"));
    }
    Element signatures = SignatureWriter.signaturesOf(root);
    if (!children(signatures, ENVELOPE_NS, "SystemSignature").isEmpty()) {
      throw new IllegalStateException("the envelope already carries a SystemSignature");
    }
    Element senderSignature = senderSignature(signatures);
    if (senderSignature != null) {
      if (idOf(senderSignature) == null) {
        senderSignature.setAttributeNS(null, ID, SenderSigner.SENDER_SIGNATURE_ID);
      }
      addTarget(targets, senderSignature);
    }
    SignatureWriter.refuseDuplicateIds(envelope);

    // Appending keeps the contract's order: SenderSignature (if any) then SystemSignature.
    Element holder = envelope.createElementNS(ENVELOPE_NS, SignatureWriter.qualified(root, "SystemSignature"));
    signatures.appendChild(holder);
    SignatureWriter.write(holder, targets, signatureMethod, SignatureProfile.SHA256, keyInfoChain,
        SYSTEM_SIGNATURE_ID, key);
  }

  private static Element senderSignature(Element signatures) {
    List<Element> holders = children(signatures, ENVELOPE_NS, "SenderSignature");
    if (holders.isEmpty()) {
      return null;
    }
    List<Element> found = children(holders.get(0), DS_NS, "Signature");
    if (holders.size() > 1 || found.size() != 1) {
      throw new IllegalStateException("SenderSignature must hold exactly one ds:Signature");
    }
    return found.get(0);
  }

  private static void addTarget(Map<String, Element> targets, Element element) {
    targets.put("#" + idOf(element), element);
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
}
