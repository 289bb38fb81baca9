package vn.customs.swg.trust.revocation;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Asks one OCSP responder about one certificate: builds an unsigned request for exactly that
 * certificate's CertID with a fresh random nonce (RFC 6960 4.1, RFC 8954), POSTs it, and hands the
 * bytes to {@link OcspResponseVerifier}, which decides whether the answer may be used.
 */
final class OcspClient {

  /**
   * OCSP responses are a few kilobytes (a signature and perhaps one responder certificate); a
   * bigger body is not an OCSP response worth parsing.
   */
  static final long MAX_RESPONSE_BYTES = 64 * 1024;

  /** RFC 8954 2.1: a nonce of 32 octets (and responders must accept up to 32). */
  private static final int NONCE_BYTES = 32;

  private final RevocationFetcher fetcher;
  private final OcspResponseVerifier verifier;
  private final SecureRandom random = new SecureRandom();
  private final DigestCalculatorProvider digests;

  OcspClient(RevocationFetcher fetcher, OcspResponseVerifier verifier) {
    this.fetcher = fetcher;
    this.verifier = verifier;
    try {
      this.digests = new JcaDigestCalculatorProviderBuilder().build();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("no digest provider for OCSP CertIDs", e);
    }
  }

  RevocationAnswer query(URI url, X509Certificate certificate, X509Certificate issuer) throws UnusableSourceException {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] request;
    try {
      request = new OCSPReqBuilder()
          .addRequest(certificateId(issuer, certificate.getSerialNumber()))
          .setRequestExtensions(new Extensions(nonceExtension(nonce)))
          .build()
          .getEncoded();
    } catch (OCSPException | IOException e) {
      throw new UnusableSourceException("cannot build OCSP request (" + e.getClass().getSimpleName() + ")");
    }
    byte[] response = fetcher.postOcsp(url, request, MAX_RESPONSE_BYTES);
    return verifier.verify(response, certificate, issuer, nonceExtension(nonce).getExtnValue().getOctets(), url);
  }

  /**
   * The CertID hashes the issuer's name and key with SHA-1. That is an identifier, not a
   * signature: RFC 6960 4.1.1 and RFC 5019 2.1.1 make SHA-1 the CertID hash every responder must
   * understand, and collisions do not help an attacker because the responder's signature, not the
   * hash, is what the gateway trusts.
   */
  CertificateID certificateId(X509Certificate issuer, BigInteger serial) throws UnusableSourceException {
    try {
      return new CertificateID(digests.get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), serial);
    } catch (OCSPException | OperatorCreationException | CertificateEncodingException e) {
      throw new UnusableSourceException("cannot build OCSP CertID (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * RFC 8954 2.1: the extension value is the DER of an OCTET STRING holding the nonce (so the
   * nonce is wrapped twice on the wire, as OpenSSL does). The verifier compares the whole
   * extension value, so it works whichever way a responder echoes it.
   */
  private static Extension nonceExtension(byte[] nonce) throws UnusableSourceException {
    try {
      return new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce).getEncoded());
    } catch (IOException e) {
      throw new UnusableSourceException("cannot encode OCSP nonce");
    }
  }
}
