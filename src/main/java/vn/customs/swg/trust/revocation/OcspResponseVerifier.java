package vn.customs.swg.trust.revocation;

import java.io.IOException;
import java.net.URI;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Decides whether an OCSP response may be acted on for one certificate, and what it says. Usable
 * means: a successful basic response (RFC 6960 4.2.1); signed by the certificate's issuer itself
 * or by a delegated responder whose certificate is in the response, issued by that same issuer,
 * marked id-kp-OCSPSigning and currently valid (RFC 6960 4.2.2.2) — nothing else is authorised;
 * our nonce echoed, or no nonce at all (see {@link #checkNonce}); exactly one SingleResponse for
 * our CertID; thisUpdate not in the future and nextUpdate, when stated, not in the past (RFC 6960
 * 4.2.2.1, both with the configured clock skew); and status good or revoked. "unknown" is not an
 * answer (RFC 6960 2.2): the caller falls back to a CRL.
 */
final class OcspResponseVerifier {

  private static final Set<ASN1ObjectIdentifier> UNDERSTOOD_EXTENSIONS = Set.of(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);

  /**
   * MD2 and MD5 signatures are forgeable (RFC 6151); SHA-1 is still accepted here because some
   * national CAs still sign OCSP responses with it and a response carries our fresh nonce or is
   * bounded by its validity window, which leaves no room for a chosen-prefix collision.
   */
  private static final Set<ASN1ObjectIdentifier> BROKEN_SIGNATURE_ALGORITHMS =
      Set.of(PKCSObjectIdentifiers.md2WithRSAEncryption, PKCSObjectIdentifiers.md5WithRSAEncryption);

  private final Clock clock;
  private final Duration skew;
  private final DigestCalculatorProvider digests;

  OcspResponseVerifier(Clock clock, Duration skew) {
    this.clock = clock;
    this.skew = skew;
    try {
      this.digests = new JcaDigestCalculatorProviderBuilder().build();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("no digest provider for OCSP", e);
    }
  }

  RevocationAnswer verify(byte[] der, X509Certificate certificate, X509Certificate issuer, byte[] expectedNonce, URI url)
      throws UnusableSourceException {
    Instant now = clock.instant();
    BasicOCSPResp basic = basicResponse(der);
    if (BROKEN_SIGNATURE_ALGORITHMS.contains(basic.getSignatureAlgOID())) {
      throw new UnusableSourceException("response signed with a broken algorithm (MD2/MD5)");
    }
    String signer = authorisedSigner(basic, issuer, now);
    checkNonce(basic, expectedNonce);
    if (!UNDERSTOOD_EXTENSIONS.containsAll(basic.getCriticalExtensionOIDs())) {
      throw new UnusableSourceException("response carries a critical extension the gateway does not understand");
    }
    if (basic.getProducedAt() != null && basic.getProducedAt().toInstant().isAfter(now.plus(skew))) {
      throw new UnusableSourceException("response producedAt " + basic.getProducedAt().toInstant() + " is in the future");
    }
    SingleResp single = singleResponseFor(basic, certificate, issuer);
    Instant thisUpdate = single.getThisUpdate().toInstant();
    Instant nextUpdate = single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant();
    if (thisUpdate.isAfter(now.plus(skew))) {
      throw new UnusableSourceException("thisUpdate " + thisUpdate + " is in the future");
    }
    // RFC 6960 4.2.2.1: a response whose nextUpdate has passed is not current. Without a
    // nextUpdate the responder says fresher information is always available (RFC 6960 2.4), so the
    // answer is current now and is cached only for cache-period-without-next-update.
    if (nextUpdate != null && nextUpdate.isBefore(now.minus(skew))) {
      throw new UnusableSourceException("stale: nextUpdate " + nextUpdate + " has passed");
    }
    byte[] evidence = der;
    CertificateStatus status = single.getCertStatus();
    if (status == CertificateStatus.GOOD) {
      return new RevocationAnswer(RevocationAnswer.Status.GOOD, RevocationAnswer.Source.OCSP, thisUpdate, nextUpdate,
          null, evidence, null, "good per OCSP " + url + " (signed by " + signer + ")");
    }
    if (status instanceof RevokedStatus revoked) {
      String reason = revoked.hasRevocationReason() ? ", reason " + revoked.getRevocationReason() : "";
      Instant revokedAt = revoked.getRevocationTime().toInstant();
      return new RevocationAnswer(RevocationAnswer.Status.REVOKED, RevocationAnswer.Source.OCSP, thisUpdate, nextUpdate,
          null, evidence, revokedAt, "revoked at " + revokedAt + reason + " per OCSP " + url + " (signed by " + signer + ")");
    }
    if (status instanceof UnknownStatus) {
      throw new UnusableSourceException("status unknown");
    }
    throw new UnusableSourceException("unrecognised certificate status");
  }

  private static BasicOCSPResp basicResponse(byte[] der) throws UnusableSourceException {
    OCSPResp response;
    try {
      response = new OCSPResp(der);
    } catch (IOException | RuntimeException e) {
      throw new UnusableSourceException("malformed response");
    }
    if (response.getStatus() != OCSPResp.SUCCESSFUL) {
      // RFC 6960 2.3: error responses are unsigned; they say nothing about the certificate.
      throw new UnusableSourceException("responder status " + responseStatusName(response.getStatus()));
    }
    try {
      if (response.getResponseObject() instanceof BasicOCSPResp basic) {
        return basic;
      }
    } catch (OCSPException | RuntimeException e) {
      throw new UnusableSourceException("malformed basic response");
    }
    throw new UnusableSourceException("not an id-pkix-ocsp-basic response");
  }

  private static String responseStatusName(int status) {
    return switch (status) {
      case OCSPResp.MALFORMED_REQUEST -> "malformedRequest";
      case OCSPResp.INTERNAL_ERROR -> "internalError";
      case OCSPResp.TRY_LATER -> "tryLater";
      case OCSPResp.SIG_REQUIRED -> "sigRequired";
      case OCSPResp.UNAUTHORIZED -> "unauthorized";
      default -> String.valueOf(status);
    };
  }

  /**
   * RFC 6960 4.2.2.2: the issuer CA itself, or a delegated responder certificate issued directly by
   * that CA with id-kp-OCSPSigning. The ResponderID must name the signer (RFC 6960 4.2.2.3), which
   * picks the candidate; the signature must then verify with that candidate's key. Responder
   * certificates are taken only from the response and checked here, never from elsewhere.
   */
  private String authorisedSigner(BasicOCSPResp basic, X509Certificate issuer, Instant now) throws UnusableSourceException {
    ResponderID responderId = basic.getResponderId().toASN1Primitive();
    if (names(responderId, issuer)) {
      if (!signatureVerifies(basic, issuer.getPublicKey())) {
        throw new UnusableSourceException("signature does not verify with the issuer's key");
      }
      return "the issuing CA";
    }
    for (X509CertificateHolder holder : basic.getCerts()) {
      X509Certificate candidate = toCertificate(holder);
      if (!names(responderId, candidate)) {
        continue;
      }
      String problem = delegationProblem(candidate, issuer, now);
      if (problem != null) {
        throw new UnusableSourceException("unauthorised responder " + candidate.getSubjectX500Principal().getName() + ": " + problem);
      }
      if (!signatureVerifies(basic, candidate.getPublicKey())) {
        throw new UnusableSourceException("signature does not verify with the delegated responder's key");
      }
      return "delegated responder " + candidate.getSubjectX500Principal().getName();
    }
    throw new UnusableSourceException("unauthorised responder: signed by neither the issuing CA nor a delegated "
        + "responder certificate included in the response");
  }

  /** Why a delegated responder certificate is not authorised for this issuer, or null if it is. */
  private static String delegationProblem(X509Certificate responder, X509Certificate issuer, Instant now) {
    if (!responder.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      return "not issued by the certificate's issuer";
    }
    try {
      responder.verify(issuer.getPublicKey());
    } catch (Exception e) {
      return "not signed by the certificate's issuer";
    }
    try {
      List<String> purposes = responder.getExtendedKeyUsage();
      if (purposes == null || !purposes.contains(KeyPurposeId.id_kp_OCSPSigning.getId())) {
        return "no id-kp-OCSPSigning extended key usage";
      }
    } catch (CertificateParsingException e) {
      return "unreadable extended key usage";
    }
    try {
      responder.checkValidity(Date.from(now));
    } catch (CertificateException e) {
      return "outside its validity period";
    }
    return null;
  }

  private boolean names(ResponderID responderId, X509Certificate candidate) throws UnusableSourceException {
    if (responderId.getName() != null) {
      return responderId.getName().equals(X500Name.getInstance(candidate.getSubjectX500Principal().getEncoded()));
    }
    byte[] keyHash = responderId.getKeyHash();
    if (keyHash == null) {
      return false;
    }
    try {
      // byKey: SHA-1 of the subjectPublicKey BIT STRING value (RFC 6960 4.2.1).
      RespID byKey = new RespID(SubjectPublicKeyInfo.getInstance(candidate.getPublicKey().getEncoded()),
          digests.get(RespID.HASH_SHA1));
      return Arrays.equals(byKey.toASN1Primitive().getKeyHash(), keyHash);
    } catch (OCSPException | OperatorCreationException | RuntimeException e) {
      throw new UnusableSourceException("cannot compute responder key hash");
    }
  }

  private static boolean signatureVerifies(BasicOCSPResp basic, PublicKey key) {
    try {
      return basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
    } catch (OCSPException | OperatorCreationException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The nonce binds the response to our request (RFC 6960 4.4.1), so a different nonce is a
   * replayed or misrouted response and is refused. A missing nonce is accepted: RFC 5019 2.2.1
   * lets high-volume responders serve pre-produced responses without one, and refusing them would
   * turn most public CA responders into UNAVAILABLE. Replay of an old response is then bounded by
   * the freshness checks (thisUpdate/nextUpdate) instead, which is what RFC 5019 relies on.
   */
  private static void checkNonce(BasicOCSPResp basic, byte[] expected) throws UnusableSourceException {
    Extension nonce = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    if (nonce != null && !Arrays.equals(nonce.getExtnValue().getOctets(), expected)) {
      throw new UnusableSourceException("nonce does not match the request");
    }
  }

  /** Exactly one SingleResponse for our certificate: same serial, CertID hashes matching our issuer. */
  private SingleResp singleResponseFor(BasicOCSPResp basic, X509Certificate certificate, X509Certificate issuer)
      throws UnusableSourceException {
    SingleResp found = null;
    try {
      X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
      for (SingleResp single : basic.getResponses()) {
        CertificateID id = single.getCertID();
        // matchesIssuer recomputes the hashes with the algorithm the responder used, so a SHA-256
        // CertID is matched as well as the SHA-1 one we sent.
        if (id.getSerialNumber().equals(certificate.getSerialNumber()) && id.matchesIssuer(issuerHolder, digests)) {
          if (found != null) {
            throw new UnusableSourceException("more than one response for the certificate");
          }
          found = single;
        }
      }
    } catch (OCSPException | CertificateException | RuntimeException e) {
      throw new UnusableSourceException("cannot match the response to the certificate");
    }
    if (found == null) {
      throw new UnusableSourceException("no response for the certificate's CertID");
    }
    if (!UNDERSTOOD_EXTENSIONS.containsAll(found.getCriticalExtensionOIDs())) {
      throw new UnusableSourceException("single response carries a critical extension the gateway does not understand");
    }
    return found;
  }

  private static X509Certificate toCertificate(X509CertificateHolder holder) throws UnusableSourceException {
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new UnusableSourceException("responder certificate in the response is malformed");
    }
  }
}
