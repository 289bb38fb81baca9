package vn.customs.swg.channel;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.trust.PemCertificates;
import vn.customs.swg.trust.material.PartnerDirectory;

/**
 * Decides which partner a submission's TLS connection belongs to, from the client certificate it
 * presented: the partner that registered that very certificate under
 * {@code gateway.partners.<id>.tls-client-certificates}, in the registry in force (a trust reload
 * adds or withdraws certificates). TLS trust is kept apart from message-signature trust: the CA
 * that issued the certificate was already checked by the TLS handshake against the server's
 * trust store ({@code server.ssl.trust-store}); this class only says whose certificate it is.
 *
 * <p>On a TLS connection a registered certificate is required: none at all, or one no partner
 * registered, is refused. On a plain-HTTP connection (the dev profile without {@code tls}) there
 * is no transport identity and nothing is asked; the prod profile never serves plain HTTP
 * ({@code GatewayConfiguration.checkTlsConnector}).
 */
final class TlsClientAuthenticator {

  private static final Logger log = LoggerFactory.getLogger(TlsClientAuthenticator.class);
  /** The servlet container's request attribute with the verified client certificate chain. */
  static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

  /**
   * The transport identity of one request.
   *
   * @param partnerId the partner the client certificate is registered to; null on plain HTTP
   * @param refusal why the request is refused, or null when it may go on
   */
  record TransportIdentity(String partnerId, String refusal) {
    boolean refused() {
      return refusal != null;
    }
  }

  private final PartnerDirectory partners;

  TlsClientAuthenticator(PartnerDirectory partners) {
    this.partners = partners;
  }

  TransportIdentity identify(HttpServletRequest request) {
    if (!request.isSecure()) {
      return new TransportIdentity(null, null);
    }
    X509Certificate[] chain = (X509Certificate[]) request.getAttribute(CLIENT_CERTIFICATES);
    if (chain == null || chain.length == 0) {
      return refused("no TLS client certificate was presented");
    }
    X509Certificate certificate = chain[0];
    Optional<Partner> partner = partners.current().findByTlsClientCertificate(certificate);
    if (partner.isEmpty()) {
      // Subject and fingerprint only: enough for an operator to find the certificate, nothing secret.
      return refused("the TLS client certificate " + certificate.getSubjectX500Principal().getName(X500Principal.RFC2253)
          + " (SHA-256 " + PemCertificates.sha256Fingerprint(certificate) + ") is registered to no partner");
    }
    return new TransportIdentity(partner.get().id(), null);
  }

  private static TransportIdentity refused(String reason) {
    log.warn("submission refused with SWG-SEC-010: {}", reason);
    return new TransportIdentity(null, reason);
  }
}
