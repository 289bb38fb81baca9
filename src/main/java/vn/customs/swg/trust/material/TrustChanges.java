package vn.customs.swg.trust.material;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.security.auth.x500.X500Principal;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.partner.PartnerRegistry;
import vn.customs.swg.trust.PemCertificates;

/**
 * What a reload changed, for the log and the operator: partner ids added or removed, and
 * certificates added or removed, each written "partner role SHA-256 subject" so an operator can
 * match it with the file they replaced.
 */
public record TrustChanges(List<String> partnersAdded, List<String> partnersRemoved,
    List<String> certificatesAdded, List<String> certificatesRemoved) {

  static final TrustChanges NONE = new TrustChanges(List.of(), List.of(), List.of(), List.of());

  static TrustChanges between(PartnerRegistry before, PartnerRegistry after) {
    Set<String> oldIds = ids(before);
    Set<String> newIds = ids(after);
    Set<String> oldCertificates = certificates(before);
    Set<String> newCertificates = certificates(after);
    return new TrustChanges(minus(newIds, oldIds), minus(oldIds, newIds),
        minus(newCertificates, oldCertificates), minus(oldCertificates, newCertificates));
  }

  /** True when the new material holds the same partners and certificates as the old. */
  public boolean none() {
    return partnersAdded.isEmpty() && partnersRemoved.isEmpty() && certificatesAdded.isEmpty()
        && certificatesRemoved.isEmpty();
  }

  @Override
  public String toString() {
    if (none()) {
      return "no partner or certificate changed";
    }
    return "partners added " + partnersAdded + ", removed " + partnersRemoved
        + "; certificates added " + certificatesAdded + ", removed " + certificatesRemoved;
  }

  private static Set<String> ids(PartnerRegistry registry) {
    Set<String> ids = new TreeSet<>();
    registry.all().forEach(partner -> ids.add(partner.id()));
    return ids;
  }

  private static Set<String> certificates(PartnerRegistry registry) {
    Set<String> described = new TreeSet<>();
    for (Partner partner : registry.all()) {
      partner.registeredCertificates().forEach(c -> described.add(describe(partner, "signing-certificate", c)));
      partner.trust().anchors().forEach(a -> described.add(describe(partner, "anchor", a.getTrustedCert())));
      partner.trust().intermediates().forEach(c -> described.add(describe(partner, "intermediate", c)));
    }
    return described;
  }

  private static String describe(Partner partner, String role, X509Certificate certificate) {
    return partner.id() + " " + role + " " + PemCertificates.sha256Fingerprint(certificate) + " "
        + certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
  }

  private static List<String> minus(Set<String> these, Set<String> those) {
    List<String> result = new ArrayList<>(these);
    result.removeAll(those);
    return List.copyOf(result);
  }
}
