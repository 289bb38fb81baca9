package vn.customs.swg.signature;

import static vn.customs.swg.signature.EnvelopeXml.DS_NS;
import static vn.customs.swg.signature.EnvelopeXml.ENVELOPE_NS;
import static vn.customs.swg.signature.EnvelopeXml.is;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import vn.customs.swg.ErrorCode;

/**
 * Decides whether an envelope's sender signature (ENVELOPE.md section 2) is acceptable, in this
 * order: present (else SWG-SEC-001); every algorithm within the profile (SWG-SEC-004); covering
 * exactly the envelope's own Header and Body (SWG-SEC-003); one unambiguous signing certificate
 * (SWG-SEC-009) with a strong enough key (SWG-SEC-004); cryptographically valid (SWG-SEC-002).
 * Everything before the last step reads the DOM only, and Santuario then resolves references to
 * the pinned elements alone, with secure validation on. Trust in the certificate is the caller's
 * next step (see {@link VerifiedSignature}). Stateless and thread-safe, so one instance serves
 * every request thread; it marks the signed elements' {@code Id} attributes as DOM IDs in the
 * document it is given, which the request owns. An envelope that already carries a
 * SystemSignature is refused (a second ds:Signature, SWG-SEC-003): partners never send one.
 */
public final class SenderSignatureVerifier {

  private final SignatureProfile profile;

  public SenderSignatureVerifier(SignatureProfile profile) {
    this.profile = profile;
    XmlSecurity.ensureInitialised();
  }

  /**
   * Verifies the sender signature of {@code envelope}.
   *
   * @param legacySha1Allowed the partner is flagged legacy-sha1: rsa-sha1 and sha1 digests pass
   * @throws SignatureRejectedException with the contract's SEC code when the signature is refused
   */
  public VerifiedSignature verify(Document envelope, boolean legacySha1Allowed) {
    Element signature = senderSignature(envelope);
    SignatureElements parts = SignatureElements.read(signature);
    profile.check(parts, legacySha1Allowed);
    Map<String, Element> targets = SignedScope.check(envelope, parts);
    KeyInfoCertificates.Presented certificates = KeyInfoCertificates.read(parts.keyInfo());
    String method = SignatureElements.algorithm(parts.signatureMethod());
    profile.checkKey(certificates.signer().getPublicKey(), method);
    SignatureValueCheck.check(signature, targets, certificates.signer());
    return new VerifiedSignature(certificates.signer(), certificates.all(), signature, method);
  }

  /** The single ds:Signature at /Envelope/Signatures/SenderSignature. */
  private static Element senderSignature(Document envelope) {
    Element root = envelope.getDocumentElement();
    List<Element> found = new ArrayList<>();
    if (is(root, ENVELOPE_NS, "Envelope")) {
      NodeList signatures = envelope.getElementsByTagNameNS(DS_NS, "Signature");
      for (int i = 0; i < signatures.getLength(); i++) {
        Element candidate = (Element) signatures.item(i);
        Node holder = candidate.getParentNode();
        if (is(holder, ENVELOPE_NS, "SenderSignature")
            && is(holder.getParentNode(), ENVELOPE_NS, "Signatures")
            && holder.getParentNode().getParentNode() == root) {
          found.add(candidate);
        }
      }
    }
    if (found.isEmpty()) {
      throw new SignatureRejectedException(ErrorCode.SEC_001, "no Signatures/SenderSignature/ds:Signature");
    }
    if (found.size() > 1) {
      throw new SignatureRejectedException(ErrorCode.SEC_003, found.size() + " sender signatures, expected 1");
    }
    Element holder = (Element) found.get(0).getParentNode();
    if (EnvelopeXml.childElements(holder).size() != 1 || EnvelopeXml.hasText(holder)) {
      throw new SignatureRejectedException(ErrorCode.SEC_003, "swg:SenderSignature holds more than its ds:Signature");
    }
    return found.get(0);
  }


}
