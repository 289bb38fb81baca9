package vn.customs.swg.trust;

import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * The trust material of one partner: its own anchors and configured intermediates. Kept per
 * partner so that a certificate from another trust domain never validates for this partner.
 */
public record PartnerTrust(Set<TrustAnchor> anchors, List<X509Certificate> intermediates) {}
