package vn.customs.swg.signature;

import static vn.customs.swg.signature.EnvelopeXml.DS_NS;
import static vn.customs.swg.signature.EnvelopeXml.childElements;
import static vn.customs.swg.signature.EnvelopeXml.is;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;
import vn.customs.swg.ErrorCode;

/**
 * Who signed, read from ds:KeyInfo: the certificates of its X509Data/X509Certificate elements,
 * of which exactly one must be an end-entity (not a CA) certificate, the signer; the others are
 * its chain. It refuses with SWG-SEC-009 a KeyInfo without certificates (a bare KeyValue names
 * no one), one with two end-entity certificates (the key would be the attacker's pick, and trust
 * could be checked on one certificate while the signature was checked with another), and any
 * KeyValue, RetrievalMethod or other content that could name a different key. X509SubjectName,
 * X509IssuerSerial, X509SKI, X509Digest and KeyName are tolerated and ignored: common partner
 * toolkits emit them, and the signer is taken from the certificate bytes alone.
 */
final class KeyInfoCertificates {

  /** A real chain is leaf + a few CAs; more is a resource attack, not a chain. */
  private static final int MAX_CERTIFICATES = 8;
  private static final Set<String> IGNORED_X509_HINTS =
      Set.of("X509IssuerSerial", "X509SubjectName", "X509SKI", "X509Digest");

  /** The signer and every presented certificate, signer first. */
  record Presented(X509Certificate signer, List<X509Certificate> all) {}

  private KeyInfoCertificates() {}

  static Presented read(Element keyInfo) {
    if (keyInfo == null) {
      throw unknown("no ds:KeyInfo: the signing certificate is required");
    }
    List<X509Certificate> certificates = new ArrayList<>();
    for (Element child : childElements(keyInfo)) {
      if (is(child, DS_NS, "X509Data")) {
        readX509Data(child, certificates);
      } else if (!is(child, DS_NS, "KeyName")) {
        throw unknown("ds:KeyInfo/" + child.getLocalName() + " not allowed: only X509Data certificates name the signer");
      }
    }
    if (certificates.isEmpty()) {
      throw unknown("ds:KeyInfo carries no X509Certificate");
    }
    List<X509Certificate> endEntities = certificates.stream()
        .filter(certificate -> certificate.getBasicConstraints() < 0).toList();
    if (endEntities.size() != 1) {
      throw unknown("ds:KeyInfo carries " + endEntities.size() + " end-entity certificates, expected exactly 1");
    }
    X509Certificate signer = endEntities.get(0);
    List<X509Certificate> all = new ArrayList<>();
    all.add(signer);
    certificates.stream().filter(certificate -> certificate != signer).forEach(all::add);
    return new Presented(signer, List.copyOf(all));
  }

  private static void readX509Data(Element x509Data, List<X509Certificate> into) {
    for (Element child : childElements(x509Data)) {
      if (is(child, DS_NS, "X509Certificate")) {
        if (into.size() == MAX_CERTIFICATES) {
          throw unknown("more than " + MAX_CERTIFICATES + " certificates in ds:KeyInfo");
        }
        into.add(parse(child.getTextContent()));
      } else if (!(DS_NS.equals(child.getNamespaceURI())
          && IGNORED_X509_HINTS.contains(child.getLocalName()))) {
        throw unknown("ds:X509Data/" + child.getLocalName() + " not allowed");
      }
    }
  }

  private static X509Certificate parse(String base64) {
    try {
      byte[] der = Base64.getDecoder().decode(withoutWhitespace(base64));
      // CertificateFactory is not documented as thread-safe: one per certificate is cheap.
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
      throw new SignatureRejectedException(ErrorCode.SEC_009, "ds:X509Certificate is not a readable certificate", e);
    }
  }

  /**
   * The text without the characters of the regex class {@code \s} (space, tab, line feed, vertical
   * tab, form feed, carriage return): what the strict decoder is then given is exactly what
   * {@code replaceAll("\\s", "")} gave it, without compiling and running a regex per certificate
   * (a few percent of the gateway's time per message in the inbound profile, docs/performance.md).
   */
  static String withoutWhitespace(String text) {
    StringBuilder kept = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\u000B' && c != '\f' && c != '\r') {
        kept.append(c);
      }
    }
    return kept.toString();
  }

  private static SignatureRejectedException unknown(String detail) {
    return new SignatureRejectedException(ErrorCode.SEC_009, detail);
  }
}
