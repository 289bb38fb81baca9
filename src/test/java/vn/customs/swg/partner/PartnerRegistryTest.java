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
        GatewayProperties.PartnerChannel.HTTP, delivery());
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
        GatewayProperties.PartnerChannel.HTTP, delivery());

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
}
