package vn.customs.swg.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.admission.SchemaRegistry;
import vn.customs.swg.signature.GatewaySignatureVerifier;
import vn.customs.swg.signature.SignatureProfile;
import vn.customs.swg.signature.VerifiedSignature;
import vn.customs.swg.trust.PemCertificates;

/** Checks a receipt as a partner would: valid against the contract's schema, signed by the gateway. */
public final class GatewayReceipts {

  private static final GatewaySignatureVerifier VERIFIER = new GatewaySignatureVerifier(new SignatureProfile());
  private static final HardenedXmlParser PARSER = HardenedXmlParser.withDefaults();
  private static final SchemaRegistry SCHEMAS = new SchemaRegistry();
  private static final X509Certificate GATEWAY =
      PemCertificates.read(Path.of("certs/dev/gateway/cert.pem"), "test").get(0);

  private GatewayReceipts() {}

  public static void assertSignedByGateway(GatewayClient.Answer answer) {
    assertSignedByGateway(answer.body());
  }

  public static void assertSignedByGateway(byte[] envelope) {
    var document = PARSER.parse(envelope);
    SCHEMAS.validate("schemas/envelope/envelope-1.xsd", document.getDocumentElement(), ErrorCode.ENV_002);
    VerifiedSignature signature = VERIFIER.verify(document);
    assertThat(signature.signingCertificate()).as("receipt signer").isEqualTo(GATEWAY);
  }
}
