package vn.customs.swg.signature;

import java.security.cert.X509Certificate;
import java.util.List;
import org.w3c.dom.Element;

/**
 * A sender signature that passed the profile, the what-was-signed check and the cryptographic
 * check. It says nothing yet about trust: the caller must still validate {@code
 * signingCertificate} against the partner's anchors (using {@code presentedCertificates} as
 * untrusted intermediates), its validity and revocation, and that it belongs to the From identity.
 *
 * @param signingCertificate the single end-entity certificate of KeyInfo, whose key verified
 * @param presentedCertificates every certificate of KeyInfo, signer first, then in document order
 * @param signatureElement the verified ds:Signature, which the system signature will reference
 * @param signatureMethodUri the SignatureMethod algorithm, for records and receipts
 */
public record VerifiedSignature(
    X509Certificate signingCertificate,
    List<X509Certificate> presentedCertificates,
    Element signatureElement,
    String signatureMethodUri) {

  public VerifiedSignature {
    presentedCertificates = List.copyOf(presentedCertificates);
  }
}
