package vn.customs.swg.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.config.ConfigurationException;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.config.GatewayProperties.Direction;
import vn.customs.swg.testsupport.DevPartner;

/** Inconsistent partner configuration stops start-up with a sentence naming the key to fix. */
class PartnerRegistryTest {

  private static final Path BANK_CA = Path.of("certs/dev/ca/public-ca.pem");
  private static final Path VCB_CERT = Path.of("certs/dev/partners/vcb/cert.pem");

  private final MessageTypeCatalogue catalogue = new MessageTypeCatalogue(Map.of(
      "TAX_PAYMENT_NOTICE", new GatewayProperties.MessageType(Direction.INBOUND,
          "schemas/bank/tax-payment-notice/tax-payment-notice-1.xsd", null, "customs.payments.in", Set.of(PartyKind.BANK)),
      "LICENCE_RESULT", new GatewayProperties.MessageType(Direction.INBOUND,
          "schemas/ministry/licence-result/licence-result-1.xsd", null, "customs.licensing.in", Set.of(PartyKind.MINISTRY))),
      getClass().getClassLoader());

  private static GatewayProperties.Partner bank(String identity, List<Path> anchors, List<Path> certificates,
      Set<String> types) {
    return new GatewayProperties.Partner(PartyKind.BANK, identity, "Bank", anchors, List.of(), certificates, null,
        types, false, GatewayProperties.RevocationPolicy.HARD_FAIL, null, List.of(),
        GatewayProperties.PartnerChannel.HTTP, delivery(), List.of());
  }

  private static GatewayProperties.Delivery delivery() {
    return new GatewayProperties.Delivery(null, null, 8, java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(10),
        2.0, java.time.Duration.ofHours(24));
  }

  @Test
  void findsPartnerByKindAndIdentityAndRecognisesItsCertificate() {
    PartnerRegistry registry = new PartnerRegistry(
        Map.of("vcb", bank("01203001", List.of(BANK_CA), List.of(VCB_CERT), Set.of("TAX_PAYMENT_NOTICE"))), catalogue);

    Partner vcb = registry.findByIdentity(PartyKind.BANK, "01203001").orElseThrow();

    assertThat(vcb.id()).isEqualTo("vcb");
    assertThat(vcb.signsWith(DevPartner.load("vcb").certificate())).isTrue();
    assertThat(vcb.signsWith(DevPartner.load("bidv").certificate())).isFalse();
    assertThat(registry.findByIdentity(PartyKind.MINISTRY, "01203001")).isEmpty();
  }

  @Test
  void subjectPatternRecognisesRenewedCertificates() {
    GatewayProperties.Partner byRule = new GatewayProperties.Partner(PartyKind.BANK, "01203001", "Bank",
        List.of(BANK_CA), List.of(), List.of(), "CN=Vietcombank NSW Signing,OU=01203001,.*", Set.of(), false,
        GatewayProperties.RevocationPolicy.HARD_FAIL, null, List.of(),
        GatewayProperties.PartnerChannel.HTTP, delivery(), List.of());

    Partner vcb = new PartnerRegistry(Map.of("vcb", byRule), catalogue).findById("vcb").orElseThrow();

    assertThat(vcb.signsWith(DevPartner.load("vcb").certificate())).isTrue();
    assertThat(vcb.signsWith(DevPartner.load("bidv").certificate())).isFalse();
  }

  @Test
  void refusesTypeMissingFromTheCatalogue() {
    assertRefused(Map.of("vcb", bank("01203001", List.of(BANK_CA), List.of(VCB_CERT), Set.of("TAX_REFUND"))),
        "gateway.partners.vcb.allowed-message-types: TAX_REFUND is not in gateway.message-types");
  }

  @Test
  void refusesTypeTheKindMayNotSend() {
    assertRefused(Map.of("vcb", bank("01203001", List.of(BANK_CA), List.of(VCB_CERT), Set.of("LICENCE_RESULT"))),
        "LICENCE_RESULT may not be sent by a BANK");
  }

  @Test
  void refusesMissingAnchorFile() {
    assertRefused(Map.of("vcb", bank("01203001", List.of(Path.of("certs/dev/ca/no-such-ca.pem")), List.of(VCB_CERT),
        Set.of())), "gateway.partners.vcb.trust-anchors: file");
  }

  @Test
  void refusesPartnerWithoutAnchors() {
    assertRefused(Map.of("vcb", bank("01203001", List.of(), List.of(VCB_CERT), Set.of())),
        "gateway.partners.vcb.trust-anchors: name the PEM file");
  }

  @Test
  void refusesPartnerWithoutCertificatesOrSubjectRule() {
    assertRefused(Map.of("vcb", bank("01203001", List.of(BANK_CA), List.of(), Set.of())),
        "gateway.partners.vcb: register the partner's signing certificate");
  }

  @Test
  void refusesTwoPartnersWithOneIdentity() {
    Map<String, GatewayProperties.Partner> twins = new LinkedHashMap<>();
    twins.put("vcb", bank("01203001", List.of(BANK_CA), List.of(VCB_CERT), Set.of()));
    twins.put("vcb2", bank("01203001", List.of(BANK_CA), List.of(VCB_CERT), Set.of()));
    assertRefused(twins, "is already registered to partner");
  }

  @Test
  void refusesEmptyRegistry() {
    assertRefused(Map.of(), "gateway.partners is empty");
  }

  private void assertRefused(Map<String, GatewayProperties.Partner> partners, String sentence) {
    assertThatThrownBy(() -> new PartnerRegistry(partners, catalogue))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(sentence);
  }

  private static final Path VCB_TLS = Path.of("certs/dev/tls/partners/vcb/cert.pem");
  private static final Path BIDV_TLS = Path.of("certs/dev/tls/partners/bidv/cert.pem");

  private static GatewayProperties.Partner withTls(GatewayProperties.Partner partner, List<Path> tlsClientCertificates) {
    return new GatewayProperties.Partner(partner.kind(), partner.identity(), partner.name(), partner.trustAnchors(),
        partner.intermediates(), partner.certificates(), partner.subjectPattern(), partner.allowedMessageTypes(),
        partner.legacySha1(), partner.revocation(), partner.ocspUrl(), partner.crlUrls(), partner.channel(),
        partner.delivery(), tlsClientCertificates);
  }

  private static java.security.cert.X509Certificate certificateOf(Path file) {
    return vn.customs.swg.trust.PemCertificates.read(file, "test").get(0);
  }

  @Test
  void findsThePartnerATlsClientCertificateIsRegisteredTo() {
    PartnerRegistry registry = new PartnerRegistry(Map.of(
        "vcb", withTls(bank("01203001", List.of(BANK_CA), List.of(VCB_CERT), Set.of()), List.of(VCB_TLS)),
        "bidv", withTls(bank("01202001", List.of(BANK_CA), List.of(Path.of("certs/dev/partners/bidv/cert.pem")),
            Set.of()), List.of(BIDV_TLS))), catalogue);

    assertThat(registry.findByTlsClientCertificate(certificateOf(VCB_TLS))).map(Partner::id).contains("vcb");
    assertThat(registry.findByTlsClientCertificate(certificateOf(BIDV_TLS))).map(Partner::id).contains("bidv");
    // trust is kept apart: vcb's signing certificate does not open a TLS connection as vcb
    assertThat(registry.findByTlsClientCertificate(DevPartner.load("vcb").certificate())).isEmpty();
    assertThat(registry.findById("vcb").orElseThrow().signsWith(certificateOf(VCB_TLS))).isFalse();
  }

  @Test
  void refusesOneTlsClientCertificateForTwoPartners() {
    Map<String, GatewayProperties.Partner> partners = new LinkedHashMap<>();
    partners.put("vcb", withTls(bank("01203001", List.of(BANK_CA), List.of(VCB_CERT), Set.of()), List.of(VCB_TLS)));
    partners.put("bidv", withTls(bank("01202001", List.of(BANK_CA), List.of(Path.of("certs/dev/partners/bidv/cert.pem")),
        Set.of()), List.of(VCB_TLS)));

    assertThatThrownBy(() -> new PartnerRegistry(partners, catalogue))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("gateway.partners.bidv.tls-client-certificates: a certificate")
        .hasMessageContaining("is already registered to partner vcb; a TLS client certificate names one partner");
  }

  @Test
  void refusesTheSigningCertificateAsTlsClientCertificate() {
    assertThatThrownBy(() -> new PartnerRegistry(Map.of("vcb",
            withTls(bank("01203001", List.of(BANK_CA), List.of(VCB_CERT), Set.of()), List.of(VCB_CERT))), catalogue))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("gateway.partners.vcb.tls-client-certificates: " + VCB_CERT + " is also registered under"
            + " certificates (message signatures); register a separate TLS client certificate");
  }
}
