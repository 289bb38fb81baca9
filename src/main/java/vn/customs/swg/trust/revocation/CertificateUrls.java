package vn.customs.swg.trust.revocation;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Reads the revocation URLs a certificate names for itself: the id-ad-ocsp entries of its
 * Authority Information Access (RFC 5280 4.2.2.1) and the full-name URIs of its CRL distribution
 * points (RFC 5280 4.2.1.13). It only reads; whether a URL may be fetched is {@link UrlPolicy}'s
 * decision. Distribution points that name a separate CRL issuer (indirect CRLs) or only some
 * reasons (partitioned CRLs) are left out: a CRL found there would not be complete for this
 * certificate, and the gateway does not assemble partial CRLs.
 */
final class CertificateUrls {

  private CertificateUrls() {}

  static List<String> ocsp(X509Certificate certificate) throws UnusableSourceException {
    byte[] value = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
    if (value == null) {
      return List.of();
    }
    List<String> urls = new ArrayList<>();
    try {
      AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value));
      for (AccessDescription description : aia.getAccessDescriptions()) {
        if (AccessDescription.id_ad_ocsp.equals(description.getAccessMethod())) {
          uri(description.getAccessLocation(), urls);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new UnusableSourceException("certificate's Authority Information Access is malformed");
    }
    return urls;
  }

  static List<String> crl(X509Certificate certificate) throws UnusableSourceException {
    byte[] value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
    if (value == null) {
      return List.of();
    }
    List<String> urls = new ArrayList<>();
    try {
      CRLDistPoint points = CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value));
      for (DistributionPoint point : points.getDistributionPoints()) {
        DistributionPointName name = point.getDistributionPoint();
        if (point.getCRLIssuer() != null || point.getReasons() != null || name == null
            || name.getType() != DistributionPointName.FULL_NAME) {
          continue;
        }
        for (GeneralName generalName : GeneralNames.getInstance(name.getName()).getNames()) {
          uri(generalName, urls);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new UnusableSourceException("certificate's CRL distribution points are malformed");
    }
    return urls;
  }

  private static void uri(GeneralName name, List<String> into) {
    if (name.getTagNo() == GeneralName.uniformResourceIdentifier) {
      into.add(ASN1IA5String.getInstance(name.getName()).getString());
    }
  }
}
