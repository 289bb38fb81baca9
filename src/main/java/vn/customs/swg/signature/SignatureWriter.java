package vn.customs.swg.signature;

import static vn.customs.swg.signature.EnvelopeXml.ENVELOPE_NS;
import static vn.customs.swg.signature.EnvelopeXml.children;
import static vn.customs.swg.signature.EnvelopeXml.idOf;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.keys.content.X509Data;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;

/**
 * Writes one ds:Signature of the gateway's profile into an envelope: exclusive C14N for SignedInfo
 * and as the single transform of every reference, same-document {@code #id} references resolved
 * only to the given elements, and KeyInfo/X509Data with the given certificates in order. Shared by
 * {@link SenderSigner} and {@link MessageSigner}, which decide what is referenced and where the
 * signature goes.
 */
final class SignatureWriter {

  private SignatureWriter() {}

  /**
   * Appends a signed ds:Signature to {@code holder}.
   *
   * @param targets reference URI ({@code #id}) → the element it must digest, in reference order
   */
  static Element write(Element holder, Map<String, Element> targets, String signatureMethod,
      String digestMethod, List<X509Certificate> keyInfoCertificates, String id, PrivateKey key) {
    XmlSecurity.ensureInitialised();
    Document document = holder.getOwnerDocument();
    // Canonicalization reads namespace declarations from xmlns attributes, but elements built
    // with createElementNS (a Routing block, say) may have none until serialisation adds them,
    // and then the digest would change. Fix the declarations up first: sign what is sent.
    document.normalizeDocument();
    try {
      XMLSignature signature = new XMLSignature(document, "", signatureMethod, SignatureProfile.EXC_C14N);
      holder.appendChild(signature.getElement());
      signature.setId(id);
      for (String uri : targets.keySet()) {
        Transforms transforms = new Transforms(document);
        transforms.addTransform(SignatureProfile.EXC_C14N);
        signature.addDocument(uri, transforms, digestMethod);
      }
      X509Data x509Data = new X509Data(document);
      for (X509Certificate certificate : keyInfoCertificates) {
        x509Data.addCertificate(certificate);
      }
      signature.getKeyInfo().add(x509Data);
      signature.addResourceResolver(new PinnedReferenceResolver(targets));
      signature.sign(key);
      return signature.getElement();
    } catch (XMLSecurityException e) {
      throw new IllegalStateException("cannot write the XML signature " + id, e);
    }
  }

  /** The only swg child of that name of the envelope, or null if there is none. */
  static Element optionalPart(Element envelope, String localName) {
    List<Element> found = children(envelope, ENVELOPE_NS, localName);
    if (found.size() > 1) {
      throw envelopeError("more than one swg:" + localName);
    }
    return found.isEmpty() ? null : found.get(0);
  }

  /** The only swg child of that name of the envelope, which must carry an Id. */
  static Element requiredPart(Element envelope, String localName) {
    Element part = optionalPart(envelope, localName);
    if (part == null || idOf(part) == null) {
      throw envelopeError("swg:" + localName + " with an Id attribute is required for signing");
    }
    return part;
  }

  /** The envelope's swg:Signatures, appended as its last child when absent. */
  static Element signaturesOf(Element envelope) {
    Element signatures = optionalPart(envelope, "Signatures");
    if (signatures == null) {
      signatures = envelope.getOwnerDocument().createElementNS(ENVELOPE_NS, qualified(envelope, "Signatures"));
      envelope.appendChild(signatures);
    }
    return signatures;
  }

  /** A new swg element named with the envelope's own prefix, so the output reads consistently. */
  static String qualified(Element envelope, String localName) {
    String prefix = envelope.getPrefix();
    return prefix == null || prefix.isEmpty() ? localName : prefix + ":" + localName;
  }

  /** Refuses to sign a document whose ids are ambiguous: a verifier could resolve the wrong node. */
  static void refuseDuplicateIds(Document document) {
    String duplicate = EnvelopeXml.duplicateId(document);
    if (duplicate != null) {
      throw envelopeError("duplicate id value " + duplicate);
    }
  }

  private static MessageRejectedException envelopeError(String detail) {
    return new MessageRejectedException(ErrorCode.ENV_002, detail);
  }
}
