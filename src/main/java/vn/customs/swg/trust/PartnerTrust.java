package vn.customs.swg.trust;

import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import vn.customs.swg.config.GatewayProperties.RevocationPolicy;
import vn.customs.swg.trust.revocation.RevocationSources;

/**
 * The trust material of one partner: its own anchors and configured intermediates, where its
 * revocation answers come from, and what to do when there is none. Kept per partner so that a
 * certificate from another trust domain never validates for this partner.
 */
public record PartnerTrust(Set<TrustAnchor> anchors, List<X509Certificate> intermediates,
    RevocationPolicy revocationPolicy, RevocationSources revocationSources) {

  /** Trust without revocation sources of its own: certificate AIA / CRL DP, hard-fail. */
  public PartnerTrust(Set<TrustAnchor> anchors, List<X509Certificate> intermediates) {
    this(anchors, intermediates, RevocationPolicy.HARD_FAIL, RevocationSources.FROM_CERTIFICATE);
  }
}
