package vn.customs.swg.partner;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.config.GatewayProperties.PartnerChannel;
import vn.customs.swg.trust.PartnerTrust;
import vn.customs.swg.trust.PemCertificates;

/**
 * A registered partner with its loaded trust material. It decides whether a certificate is one
 * this partner signs with (by registered fingerprint, or by subject rule), whether a TLS client
 * certificate is one it connects with (by registered fingerprint only: the two never mix), and
 * whether it may send a message type.
 */
public record Partner(
    String id,
    PartyKind kind,
    String identity,
    String name,
    PartnerTrust trust,
    List<X509Certificate> registeredCertificates,
    Set<String> registeredFingerprints,
    Pattern subjectPattern,
    Set<String> allowedMessageTypes,
    boolean legacySha1,
    PartnerChannel channel,
    GatewayProperties.Delivery delivery,
    Set<String> tlsClientFingerprints) {

  public boolean signsWith(X509Certificate certificate) {
    if (registeredFingerprints.contains(PemCertificates.sha256Fingerprint(certificate))) {
      return true;
    }
    return subjectPattern != null
        && subjectPattern.matcher(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253)).matches();
  }

  /** Whether this TLS client certificate is one registered for this partner's connections. */
  public boolean connectsWith(X509Certificate tlsClientCertificate) {
    return tlsClientFingerprints.contains(PemCertificates.sha256Fingerprint(tlsClientCertificate));
  }

  /** The queue a JMS partner puts its envelopes on. */
  public String inboundQueue() {
    return "partner." + id + ".in";
  }

  /** The queue a JMS partner reads its receipts and messages from. */
  public String outboundQueue() {
    return "partner." + id + ".out";
  }

  public boolean maySend(String messageType) {
    return allowedMessageTypes.contains(messageType);
  }
}
