package vn.customs.swg.signature;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.VerifiedReference;
import org.apache.xml.security.signature.XMLSignature;
import org.w3c.dom.Element;
import vn.customs.swg.ErrorCode;

/**
 * The cryptographic step both verifiers end with, once every structural and algorithm check has
 * passed: the signature value under the signer's key, then every reference digest, each reference
 * resolved only to its pinned node. Any failure, or a library fault on hostile input, is SEC-002.
 */
final class SignatureValueCheck {

  private SignatureValueCheck() {}

  static void check(Element signature, Map<String, Element> targets, X509Certificate signer) {
    check(signature, targets, signer.getPublicKey());
  }

  /**
   * The same check under a bare public key. Santuario verifies a certificate's signature by its
   * public key alone, so this is the whole of the cryptography; the published XML Signature
   * vectors (SharedVectorsTest) carry bare KeyValue keys and are checked through it.
   */
  static void check(Element signature, Map<String, Element> targets, PublicKey signerKey) {
    boolean valid;
    int referenceCount;
    List<VerifiedReference> results;
    try {
      // secureValidation = true keeps Santuario's own limits (no MD5, no XSLT, at most 5 transforms
      // and 30 references, no file or HTTP resolvers) behind ours, as a second line:
      // https://cwiki.apache.org/confluence/display/SANTUARIO/faq ("Secure Validation").
      XMLSignature xmlSignature = new XMLSignature(signature, "", true);
      xmlSignature.addResourceResolver(new PinnedReferenceResolver(targets));
      valid = xmlSignature.checkSignatureValue(signerKey);
      SignedInfo signedInfo = xmlSignature.getSignedInfo();
      referenceCount = signedInfo.getLength();
      results = signedInfo.getVerificationResults();
    } catch (XMLSecurityException | RuntimeException e) {
      // Fail closed: a library fault on hostile input is a rejected signature, never a 500.
      throw invalid("signature cannot be verified: " + e.getClass().getSimpleName(), e);
    }
    for (VerifiedReference result : results == null ? List.<VerifiedReference>of() : results) {
      if (!result.isValid()) {
        throw invalid("digest of reference " + result.getUri() + " does not match", null);
      }
    }
    if (!valid) {
      throw invalid("signature value does not verify with the signing certificate's key", null);
    }
    // Santuario digests the references only after the signature value: insist every one was.
    if (results == null || results.size() != targets.size() || referenceCount != targets.size()) {
      throw invalid("not every reference was verified", null);
    }
  }

  private static SignatureRejectedException invalid(String detail, Throwable cause) {
    return new SignatureRejectedException(ErrorCode.SEC_002, detail, cause);
  }
}
