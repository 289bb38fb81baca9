package vn.customs.swg.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.w3c.dom.Document;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.admission.EnvelopeAdmission;
import vn.customs.swg.admission.EnvelopeReader;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.admission.SchemaRegistry;
import vn.customs.swg.catalogue.MessageType;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.trust.material.PartnerDirectory;
import vn.customs.swg.testsupport.EndToEndTest;
import vn.customs.swg.trust.CertificateTrustValidator;

/**
 * The running configuration hangs together: every catalogue type has a schema and an example that
 * is valid against the envelope and that schema; every dev partner has its key material, and its
 * keystore's certificate is the registered one and chains to the partner's own anchors.
 */
@EndToEndTest
class CatalogueConsistencyIT {

  @Autowired MessageTypeCatalogue catalogue;
  @Autowired PartnerDirectory partners;
  @Autowired SchemaRegistry schemas;
  @Autowired CertificateTrustValidator trust;

  @Test
  void everyMessageTypeHasASchemaAndAValidExample() throws IOException {
    assertThat(catalogue.all()).extracting(MessageType::name).contains(
        "LICENCE_RESULT", "TAX_PAYMENT_NOTICE", "TAX_PAYMENT_CONFIRMATION", "EFORM_D", "EFORM_D_STATUS", "ACDD");
    for (MessageType type : catalogue.all()) {
      assertThat(type.example()).as(type.name() + " example").isNotNull();
      byte[] example = Files.readAllBytes(Path.of(type.example()));
      Document document = HardenedXmlParser.withDefaults().parse(example);
      schemas.validate(EnvelopeAdmission.ENVELOPE_SCHEMA, document.getDocumentElement(), ErrorCode.ENV_002);
      var admitted = new EnvelopeReader().read(document, example);
      assertThat(admitted.header().messageType()).isEqualTo(type.name());
      schemas.validate(type.schema(), admitted.bodyDocument(), ErrorCode.ENV_004);
    }
  }

  @Test
  void everyDevPartnerHasKeyMaterialRegisteredAndTrusted() throws Exception {
    assertThat(partners.current().all()).extracting(Partner::id).containsExactlyInAnyOrder("moit", "vcb", "bidv", "asw-id");
    for (Partner partner : partners.current().all()) {
      Path folder = Path.of("certs/dev/partners", partner.id());
      assertThat(folder.resolve("key.pem")).isRegularFile();
      assertThat(folder.resolve("cert.pem")).isRegularFile();
      KeyStore keystore = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(folder.resolve("keystore.p12"))) {
        keystore.load(in, "changeit".toCharArray());
      }
      assertThat(keystore.isKeyEntry(partner.id())).as(partner.id() + " key entry").isTrue();
      X509Certificate certificate = (X509Certificate) keystore.getCertificate(partner.id());
      assertThat(partner.signsWith(certificate)).as(partner.id() + " registered certificate").isTrue();
      assertThat(trust.validate(certificate, List.of(), partner.trust()).path()).startsWith(certificate);
    }
  }
}
