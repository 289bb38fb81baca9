package vn.customs.swg.signature;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.w3c.dom.Element;
import vn.customs.swg.ErrorCode;

/**
 * The algorithm allow-list of the sender signature profile (ENVELOPE.md section 2): which
 * SignatureMethod, DigestMethod, SignedInfo canonicalization and Reference transform URIs are
 * accepted, and which public keys are strong enough. Everything not listed is refused with
 * SWG-SEC-004, including XSLT, XPath, enveloped-signature and base64 transforms, HMAC (with or
 * without a truncating HMACOutputLength), DSA, MD5 and, unless the partner is flagged
 * {@code legacy-sha1} for the call, SHA-1. Only the without-comments canonicalizations pass.
 * The gateway signs with the same profile.
 */
public final class SignatureProfile {

  // XMLDSig 1.1, section 6: https://www.w3.org/TR/xmldsig-core1/#sec-AlgID
  public static final String EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
  public static final String C14N_10 = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
  public static final String C14N_11 = "http://www.w3.org/2006/12/xml-c14n11";

  public static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
  public static final String RSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384";
  public static final String RSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";
  // "RSASSA-PSS Without Parameters" of RFC 9231 (https://www.rfc-editor.org/rfc/rfc9231, was RFC
  // 6931), named *_MGF1 in Santuario: SHA-2 digest and MGF1, salt length = digest length.
  // The parameterised http://www.w3.org/2007/05/xmldsig-more#rsa-pss is refused: its
  // RSAPSSParams let the sender pick the digest and salt, one more thing to police.
  public static final String RSA_PSS_SHA256 = "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1";
  public static final String RSA_PSS_SHA384 = "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1";
  public static final String RSA_PSS_SHA512 = "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1";
  public static final String ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
  public static final String ECDSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384";
  public static final String ECDSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512";
  /** Accepted only for partners flagged legacy-sha1 (NIST SP 800-131A r2 disallows it). */
  public static final String RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";

  public static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
  public static final String SHA384 = "http://www.w3.org/2001/04/xmldsig-more#sha384";
  public static final String SHA512 = "http://www.w3.org/2001/04/xmlenc#sha512";
  /** Accepted only for partners flagged legacy-sha1. */
  public static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";

  /** RSA moduli below this are refused (NIST SP 800-131A r2, https://csrc.nist.gov/pubs/sp/800/131/a/r2/final). */
  public static final int MIN_RSA_BITS = 2048;

  private static final Set<String> RSA_METHODS =
      Set.of(RSA_SHA256, RSA_SHA384, RSA_SHA512, RSA_PSS_SHA256, RSA_PSS_SHA384, RSA_PSS_SHA512);
  private static final Set<String> EC_METHODS = Set.of(ECDSA_SHA256, ECDSA_SHA384, ECDSA_SHA512);
  private static final Set<String> DIGESTS = Set.of(SHA256, SHA384, SHA512);
  // Without comments only. References are same-document #id URIs, whose node-set XMLDSig defines
  // without comments; a #WithComments method makes the signed bytes depend on which
  // implementation keeps which comments, and a verdict that differs between implementations
  // (ours, xmlsec1, the partner's) is what an attacker looks for. So comments are never signed,
  // and code reading Header and Body must ignore them (CVE-2017-11427,
  // https://www.kb.cert.org/vuls/id/475445).
  private static final Set<String> SIGNED_INFO_C14N = Set.of(EXC_C14N, C14N_10, C14N_11);
  // Named curves only: explicit curve parameters are how CVE-2020-0601 ("CurveBall") forged keys.
  private static final Set<ASN1ObjectIdentifier> CURVES =
      Set.of(SECObjectIdentifiers.secp256r1, SECObjectIdentifiers.secp384r1);

  /**
   * Applies the profile to every algorithm of a signature read from the DOM: the SignedInfo
   * canonicalization, the SignatureMethod, and each Reference's transforms and digest. Algorithm
   * elements may carry no parameters but exclusive C14N's InclusiveNamespaces: that refuses
   * HMACOutputLength (truncated HMAC, CVE-2009-0217, https://www.kb.cert.org/vuls/id/466161),
   * RSAPSSParams and XPath or XSLT bodies smuggled under an allowed URI.
   */
  void check(SignatureElements signature, boolean legacySha1Allowed) {
    checkSignedInfoCanonicalization(algorithmWithoutParameters(signature.canonicalizationMethod()));
    checkSignatureMethod(algorithmWithoutParameters(signature.signatureMethod()), legacySha1Allowed);
    for (SignatureElements.ReferenceElements reference : signature.references()) {
      List<String> transforms = reference.transforms().stream()
          .map(SignatureProfile::algorithmWithoutParameters).toList();
      checkReferenceTransforms(transforms);
      checkDigestMethod(algorithmWithoutParameters(reference.digestMethod()), legacySha1Allowed);
    }
  }

  /** Refuses a SignatureMethod outside the profile. */
  public void checkSignatureMethod(String uri, boolean legacySha1Allowed) {
    if (RSA_METHODS.contains(uri) || EC_METHODS.contains(uri)
        || legacySha1Allowed && RSA_SHA1.equals(uri)) {
      return;
    }
    throw refused("signature method not allowed: " + uri);
  }

  /** Refuses a DigestMethod outside the profile. */
  public void checkDigestMethod(String uri, boolean legacySha1Allowed) {
    if (DIGESTS.contains(uri) || legacySha1Allowed && SHA1.equals(uri)) {
      return;
    }
    throw refused("digest method not allowed: " + uri);
  }

  /** Refuses a SignedInfo CanonicalizationMethod other than exclusive or inclusive 1.0/1.1 C14N. */
  public void checkSignedInfoCanonicalization(String uri) {
    if (!SIGNED_INFO_C14N.contains(uri)) {
      throw refused("SignedInfo canonicalization not allowed: " + uri);
    }
  }

  /**
   * Refuses any Reference transform chain but the single exclusive C14N. XSLT and XPath run
   * sender-supplied programs on our parser (XML Signature Best Practices, section 2.1,
   * https://www.w3.org/TR/xmldsig-bestpractices/), and every other transform changes what is
   * digested away from the plain Header or Body element.
   */
  public void checkReferenceTransforms(List<String> transformUris) {
    if (transformUris.size() != 1 || !EXC_C14N.equals(transformUris.get(0))) {
      throw refused("reference transforms must be exactly [" + EXC_C14N + "], got " + transformUris);
    }
  }

  /**
   * Refuses a key too weak for the profile, or of the wrong family for the signature method: RSA
   * of at least 2048 bits for the RSA methods, EC on the named curves P-256 or P-384 for ECDSA.
   */
  public void checkKey(PublicKey key, String signatureMethodUri) {
    if (RSA_METHODS.contains(signatureMethodUri) || RSA_SHA1.equals(signatureMethodUri)) {
      if (!(key instanceof RSAPublicKey rsa)) {
        throw refused("signature method " + signatureMethodUri + " needs an RSA key, got " + key.getAlgorithm());
      }
      int bits = rsa.getModulus().bitLength();
      if (bits < MIN_RSA_BITS) {
        throw refused("RSA key of " + bits + " bits, at least " + MIN_RSA_BITS + " required");
      }
    } else if (EC_METHODS.contains(signatureMethodUri)) {
      if (!(key instanceof ECPublicKey)) {
        throw refused("signature method " + signatureMethodUri + " needs an EC key, got " + key.getAlgorithm());
      }
      if (!CURVES.contains(namedCurve(key))) {
        throw refused("EC key not on P-256 or P-384");
      }
    } else {
      throw refused("signature method not allowed: " + signatureMethodUri);
    }
  }

  private static String algorithmWithoutParameters(Element element) {
    String uri = SignatureElements.algorithm(element);
    for (Element parameter : EnvelopeXml.childElements(element)) {
      boolean inclusiveNamespaces = EXC_C14N.equals(uri)
          && EnvelopeXml.is(parameter, EXC_C14N, "InclusiveNamespaces");
      if (!inclusiveNamespaces) {
        throw refused("parameter " + parameter.getLocalName() + " not allowed under " + uri);
      }
    }
    return uri;
  }

  private static ASN1ObjectIdentifier namedCurve(PublicKey key) {
    try {
      ASN1Encodable parameters = SubjectPublicKeyInfo.getInstance(key.getEncoded())
          .getAlgorithm().getParameters();
      return parameters instanceof ASN1ObjectIdentifier oid ? oid : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static SignatureRejectedException refused(String detail) {
    return new SignatureRejectedException(ErrorCode.SEC_004, detail);
  }
}
