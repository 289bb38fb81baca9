package vn.customs.swg.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static vn.customs.swg.signature.TestEnvelopes.DS;
import static vn.customs.swg.signature.TestEnvelopes.SWG;
import static vn.customs.swg.signature.TestEnvelopes.addRouting;
import static vn.customs.swg.signature.TestEnvelopes.first;
import static vn.customs.swg.signature.TestEnvelopes.parse;
import static vn.customs.swg.signature.TestEnvelopes.reparse;
import static vn.customs.swg.signature.TestEnvelopes.root;
import static vn.customs.swg.signature.TestEnvelopes.signedBy;
import static vn.customs.swg.signature.TestEnvelopes.unsigned;
import static vn.customs.swg.signature.TestPki.GATEWAY;
import static vn.customs.swg.signature.TestPki.INTERMEDIATE;
import static vn.customs.swg.signature.TestPki.OTHER_RSA_SIGNER;
import static vn.customs.swg.signature.TestPki.RSA_SIGNER;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.receipt.ReceiptFactory;
import vn.customs.swg.receipt.ReceiptStatus;

/** The gateway's system signature as a receiver of receipts and forwarded envelopes checks it. */
class GatewaySignatureVerifierTest {

  private final MessageSigner gateway = new MessageSigner(GATEWAY.privateKey(),
      List.of(GATEWAY.certificate(), INTERMEDIATE.certificate(), TestPki.ROOT.certificate()));
  private final GatewaySignatureVerifier verifier = new GatewaySignatureVerifier(new SignatureProfile());

  @Test
  void acceptsAReceiptSignedByTheGatewayAndNamesItsCertificate() {
    VerifiedSignature verified = verifier.verify(receipt(gateway));

    assertThat(verified.signingCertificate()).isEqualTo(GATEWAY.certificate());
    assertThat(verified.presentedCertificates()).containsExactly(GATEWAY.certificate(), INTERMEDIATE.certificate());
    assertThat(verified.signatureMethodUri()).isEqualTo(SignatureProfile.RSA_SHA256);
  }

  @Test
  void acceptsAForwardedEnvelopeWithRoutingAndSenderSignature() {
    assertThat(verifier.verify(forwarded()).signingCertificate()).isEqualTo(GATEWAY.certificate());
  }

  @Test
  void rejectsATamperedReceiptBody() {
    Document receipt = receipt(gateway);
    first(receipt, SWG, "status").setTextContent("ACCEPTED");
    first(receipt, SWG, "code").setTextContent("SWG-SYS-002");

    assertThat(rejectionOf(receipt)).isEqualTo(ErrorCode.SEC_002);
  }

  @Test
  void rejectsATamperedReceiptHeader() {
    Document receipt = receipt(gateway);
    first(receipt, SWG, "refToMessageId").setTextContent("01203001SOMEONEELSE");

    assertThat(rejectionOf(receipt)).isEqualTo(ErrorCode.SEC_002);
  }

  @Test
  void rejectsATamperedRouting() {
    Document envelope = forwarded();
    first(envelope, SWG, "destination").setTextContent("customs.licensing.in");

    assertThat(rejectionOf(envelope)).isEqualTo(ErrorCode.SEC_002);
  }

  @Test
  void rejectsASwappedSenderSignature() {
    Document envelope = forwarded();
    Element keyName = envelope.createElementNS(DS, "ds:KeyName");
    keyName.setTextContent("swapped");
    first(envelope, DS, "KeyInfo").appendChild(keyName);

    assertThat(rejectionOf(envelope)).isEqualTo(ErrorCode.SEC_002);
  }

  @Test
  void rejectsASignatureByAnotherKeyUnderTheGatewayCertificate() {
    MessageSigner impostor = new MessageSigner(OTHER_RSA_SIGNER.privateKey(),
        List.of(GATEWAY.certificate(), INTERMEDIATE.certificate()));

    assertThat(rejectionOf(receipt(impostor))).isEqualTo(ErrorCode.SEC_002);
  }

  @Test
  void reportsTheSignerOfASignatureByAnotherCertificateForTheTrustCheck() {
    MessageSigner other = new MessageSigner(OTHER_RSA_SIGNER.privateKey(), TestPki.chainOf(OTHER_RSA_SIGNER));

    assertThat(verifier.verify(receipt(other)).signingCertificate())
        .isEqualTo(OTHER_RSA_SIGNER.certificate()).isNotEqualTo(GATEWAY.certificate());
  }

  @Test
  void rejectsRoutingAddedAfterTheGatewaySigned() {
    Document envelope = signedBy(RSA_SIGNER);
    gateway.signAsGateway(envelope);
    Document received = reparse(envelope);
    addRouting(received);

    assertThat(rejectionOf(received)).isEqualTo(ErrorCode.SEC_003);
  }

  @Test
  void rejectsAMovedBodyWhoseSignedCopyIsHidden() {
    Document receipt = receipt(gateway);
    Element body = TestEnvelopes.body(receipt);
    Element copy = (Element) body.cloneNode(true);
    copy.removeAttribute("Id");
    copy.getElementsByTagNameNS(SWG, "status").item(0).setTextContent("ACCEPTED");
    // the signed Body stays, but a second Body appears beside it
    root(receipt).insertBefore(copy, body);

    assertThat(rejectionOf(receipt)).isEqualTo(ErrorCode.SEC_003);
  }

  @Test
  void rejectsAnEnvelopeWithoutSystemSignature() {
    assertThat(rejectionOf(signedBy(RSA_SIGNER))).isEqualTo(ErrorCode.SEC_001);
  }

  @Test
  void pointsAtTheSystemSignatureInItsRejection() {
    Document receipt = receipt(gateway);
    first(receipt, SWG, "status").setTextContent("ACCEPTED");

    Throwable thrown = catchThrowable(() -> verifier.verify(receipt));

    assertThat(((MessageRejectedException) thrown).location())
        .isEqualTo(GatewaySignatureVerifier.SYSTEM_SIGNATURE_LOCATION);
  }

  @Test
  void acceptsABackEndMessageWithoutRoutingOrSenderSignature() {
    Document envelope = unsigned();
    gateway.signAsGateway(envelope);

    assertThat(verifier.verify(reparse(envelope)).signingCertificate()).isEqualTo(GATEWAY.certificate());
  }

  /** A REJECTED receipt as the gateway sends it, parsed as a receiver does. */
  private static Document receipt(MessageSigner signer) {
    ReceiptFactory factory = new ReceiptFactory(signer, Clock.system(ZoneOffset.ofHours(7)), "TCHQ");
    byte[] bytes = factory.build(new ReceiptFactory.Request(ReceiptStatus.REJECTED,
        OffsetDateTime.now(ZoneOffset.UTC), "01203001F3C9A0E2B7D44C6E8F9A0B1C2D3E4F5A", "BANK", "01203001",
        List.of(new ReceiptFactory.ReceiptError(ErrorCode.SEC_002, null))));
    return parse(new String(bytes, StandardCharsets.UTF_8));
  }

  private Document forwarded() {
    Document envelope = signedBy(RSA_SIGNER);
    addRouting(envelope);
    gateway.signAsGateway(envelope);
    return reparse(envelope);
  }

  private ErrorCode rejectionOf(Document envelope) {
    Throwable thrown = catchThrowable(() -> verifier.verify(envelope));
    assertThat(thrown).as("verdict").isInstanceOf(MessageRejectedException.class);
    return ((MessageRejectedException) thrown).errorCode();
  }
}
