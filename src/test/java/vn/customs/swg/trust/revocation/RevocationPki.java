package vn.customs.swg.trust.revocation;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * An in-memory PKI for revocation tests: root CA → issuing CA → end-entity certificates whose AIA
 * and CRL distribution points point wherever the test says, plus delegated OCSP responders, a
 * foreign CA, an OCSP responder that answers real requests and a CRL builder, all with
 * BouncyCastle. Keys are made once per JVM (RSA key generation is the slow part).
 */
final class RevocationPki {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xffffffffL);
  private static final KeyPair ROOT_KEYS = rsa();
  private static final KeyPair CA_KEYS = rsa();
  private static final KeyPair OTHER_CA_KEYS = rsa();
  private static final KeyPair RESPONDER_KEYS = rsa();
  private static final KeyPair END_ENTITY_KEYS = rsa();

  static final String CA_NAME = "C=VN,O=Test,CN=SWG Test Issuing CA";

  final Instant now;
  final Ca root;
  final Ca ca;
  /** A CA with the issuing CA's name but a different key: what a forger would set up. */
  final Ca impostorCa;
  /** A different CA altogether, under the same root. */
  final Ca otherCa;

  /** A CA: its key and certificate. */
  record Ca(KeyPair keys, X509Certificate certificate) {
    X500Name name() {
      return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }
  }

  RevocationPki(Instant now) {
    this.now = now;
    this.root = new Ca(ROOT_KEYS, certificate(null, "C=VN,O=Test,CN=SWG Test Root", ROOT_KEYS, true, b -> {}));
    this.ca = new Ca(CA_KEYS, certificate(root, CA_NAME, CA_KEYS, true, b -> {}));
    this.impostorCa = new Ca(OTHER_CA_KEYS, certificate(root, CA_NAME, OTHER_CA_KEYS, true, b -> {}));
    this.otherCa = new Ca(OTHER_CA_KEYS, certificate(root, "C=VN,O=Test,CN=Other Bank CA", OTHER_CA_KEYS, true, b -> {}));
  }

  /** An end-entity certificate from the issuing CA; null URLs leave the extension out. */
  X509Certificate endEntity(String ocspUrl, String crlUrl) {
    return certificate(ca, "C=VN,O=Test,CN=Partner Signer " + SERIALS.get(), END_ENTITY_KEYS, false, builder -> {
      if (ocspUrl != null) {
        builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
            new AccessDescription(AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl))));
      }
      if (crlUrl != null) {
        builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
            new DistributionPoint(new DistributionPointName(new GeneralNames(
                new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl))), null, null)}));
      }
    });
  }

  /** A delegated OCSP responder certificate issued by {@code issuer}, with or without id-kp-OCSPSigning. */
  X509Certificate responder(Ca issuer, boolean ocspSigning) {
    return certificate(issuer, "C=VN,O=Test,CN=OCSP Responder", RESPONDER_KEYS, false, builder -> {
      if (ocspSigning) {
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
      }
    });
  }

  /** The SHA-1 CertID of a certificate from the issuing CA, as a client would ask for it. */
  CertificateID certificateId(X509Certificate certificate) {
    try {
      return new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
          new JcaX509CertificateHolder(ca.certificate()), certificate.getSerialNumber());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  KeyPair responderKeys() {
    return RESPONDER_KEYS;
  }

  /** A CRL by {@code issuer}; {@code revoked} maps serials to revocation times. */
  X509CRL crl(Ca issuer, Instant thisUpdate, Instant nextUpdate, Map<BigInteger, Instant> revoked, long number) {
    return crl(issuer.name(), issuer.keys().getPrivate(), thisUpdate, nextUpdate, revoked, number, 0);
  }

  /** A CRL padded with {@code fillerEntries} extra revoked serials, to make it big. */
  X509CRL crl(X500Name issuerName, PrivateKey signingKey, Instant thisUpdate, Instant nextUpdate,
      Map<BigInteger, Instant> revoked, long number, int fillerEntries) {
    try {
      X509v2CRLBuilder builder = new X509v2CRLBuilder(issuerName, Date.from(thisUpdate));
      if (nextUpdate != null) {
        builder.setNextUpdate(Date.from(nextUpdate));
      }
      revoked.forEach((serial, at) -> builder.addCRLEntry(serial, Date.from(at), CRLReason.keyCompromise));
      for (int i = 0; i < fillerEntries; i++) {
        builder.addCRLEntry(BigInteger.valueOf(1_000_000L + i), Date.from(thisUpdate), CRLReason.superseded);
      }
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
      return new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signingKey)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] pem(X509CRL crl) {
    try {
      return ("-----BEGIN X509 CRL-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(crl.getEncoded())
          + "\n-----END X509 CRL-----\n").getBytes();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] der(X509CRL crl) {
    try {
      return crl.getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An OCSP responder for the issuing CA that answers real requests. By default it is the CA
   * itself, says good, echoes the nonce and gives thisUpdate = now - 1 min, nextUpdate = now +
   * 10 min on the given clock; every knob can be turned by a test.
   */
  Responder responder(Clock clock) {
    return new Responder(clock);
  }

  /** How the test responder treats the request nonce. */
  enum NonceMode { ECHO, OMIT, WRONG }

  final class Responder implements TestServer.Route {
    private final Clock clock;
    private final Map<BigInteger, CertificateStatus> statuses = new ConcurrentHashMap<>();
    volatile PrivateKey signingKey = ca.keys().getPrivate();
    volatile RespID responderId = new RespID(ca.name());
    volatile X509Certificate[] included = new X509Certificate[0];
    volatile NonceMode nonce = NonceMode.ECHO;
    volatile Duration thisUpdateAge = Duration.ofMinutes(1);
    volatile Duration nextUpdateIn = Duration.ofMinutes(10);
    volatile long delayMillis;
    volatile int responseStatus = OCSPRespBuilder.SUCCESSFUL;

    private Responder(Clock clock) {
      this.clock = clock;
    }

    Responder revoke(X509Certificate certificate, Instant at) {
      statuses.put(certificate.getSerialNumber(), new RevokedStatus(Date.from(at), CRLReason.keyCompromise));
      return this;
    }

    Responder unknown(X509Certificate certificate) {
      statuses.put(certificate.getSerialNumber(), new UnknownStatus());
      return this;
    }

    /** Sign with another key, naming it by key hash, with these certificates in the response. */
    Responder signedBy(KeyPair keys, X509Certificate... certificates) {
      try {
        signingKey = keys.getPrivate();
        responderId = new RespID(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()),
            new JcaDigestCalculatorProviderBuilder().build().get(RespID.HASH_SHA1));
        included = certificates;
        return this;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public byte[] handle(byte[] requestBody) throws Exception {
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      if (responseStatus != OCSPRespBuilder.SUCCESSFUL) {
        return new OCSPRespBuilder().build(responseStatus, null).getEncoded();
      }
      OCSPReq request = new OCSPReq(requestBody);
      Instant at = clock.instant();
      BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(responderId);
      for (var single : request.getRequestList()) {
        CertificateID id = single.getCertID();
        CertificateStatus status = statuses.getOrDefault(id.getSerialNumber(), CertificateStatus.GOOD);
        builder.addResponse(id, status, Date.from(at.minus(thisUpdateAge)),
            nextUpdateIn == null ? null : Date.from(at.plus(nextUpdateIn)), (Extensions) null);
      }
      Extension requestNonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
      if (nonce == NonceMode.ECHO && requestNonce != null) {
        builder.setResponseExtensions(new Extensions(requestNonce));
      } else if (nonce == NonceMode.WRONG) {
        byte[] other = new byte[32];
        RANDOM.nextBytes(other);
        builder.setResponseExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
            new DEROctetString(other).getEncoded())));
      }
      List<X509CertificateHolder> chain = new ArrayList<>();
      for (X509Certificate certificate : included) {
        chain.add(new JcaX509CertificateHolder(certificate));
      }
      BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signingKey),
          chain.toArray(new X509CertificateHolder[0]), Date.from(at));
      return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }
  }

  private interface Extra {
    void add(X509v3CertificateBuilder builder) throws Exception;
  }

  private X509Certificate certificate(Ca issuer, String subject, KeyPair keys, boolean isCa, Extra extra) {
    try {
      X500Name subjectName = new X500Name(subject);
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          issuer == null ? subjectName : issuer.name(), BigInteger.valueOf(SERIALS.incrementAndGet()),
          Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subjectName, keys.getPublic());
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(isCa ? KeyUsage.keyCertSign | KeyUsage.cRLSign
          : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
      builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
      extra.add(builder);
      PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.keys().getPrivate();
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot build " + subject, e);
    }
  }

  static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
