package vn.customs.swg.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.swg.testsupport.TestPartnerEndpoint.ReceiptShape.GOOD;
import static vn.customs.swg.testsupport.TestPartnerEndpoint.ReceiptShape.TAMPERED;
import static vn.customs.swg.testsupport.TestPartnerEndpoint.ReceiptShape.UNSIGNED;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.customs.swg.delivery.ReceiptVerdict.Kind;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.TestMessages;
import vn.customs.swg.testsupport.TestPartnerEndpoint;

/**
 * A push counts as delivered only on a receipt the partner signed, under the same trust rules as
 * its inbound messages, that accepts exactly the pushed message; every other answer is refused
 * with a reason, and only a missing or non-2xx answer is the endpoint's failure.
 */
class PartnerReceiptVerifierTest {

  private static final String MESSAGE_ID = "TCHQ0123456789ABCDEF0123456789ABCDEF";
  private static final URI URL = URI.create("http://127.0.0.1:9/swg/messages");
  private static final DevPartner VCB = DevPartner.load("vcb");

  private final PartnerReceiptVerifier verifier = PushFixture.verifier(Clock.systemUTC());
  private final Partner vcb = PushFixture.partner(PushFixture.vcb(URL, 8, List.of(PushFixture.VCB_CERT)));

  private static byte[] receipt(DevPartner signer, String status, TestPartnerEndpoint.ReceiptShape shape) {
    return TestPartnerEndpoint.receipt(signer, "BANK", "01203001", MESSAGE_ID, status, shape);
  }

  @Test
  void acceptedReceiptSignedByThePartnerIsDelivery() {
    ReceiptVerdict verdict = verifier.check(vcb, MESSAGE_ID, 200, receipt(VCB, "ACCEPTED", GOOD));

    assertThat(verdict).isEqualTo(new ReceiptVerdict(Kind.DELIVERED, 200, "receipt ACCEPTED"));
  }

  @Test
  void duplicateReceiptIsDeliveryToo() {
    assertThat(verifier.check(vcb, MESSAGE_ID, 202, receipt(VCB, "DUPLICATE", GOOD)).delivered()).isTrue();
  }

  @Test
  void rejectedReceiptIsRefusedWithThePartnersCodes() {
    ReceiptVerdict verdict = verifier.check(vcb, MESSAGE_ID, 200, receipt(VCB, "REJECTED", GOOD));

    assertRefused(verdict, "the partner REJECTED the message: SWG-ENV-004");
  }

  @Test
  void serverErrorIsAnEndpointFailureEvenWithAGoodReceipt() {
    ReceiptVerdict verdict = verifier.check(vcb, MESSAGE_ID, 503, receipt(VCB, "ACCEPTED", GOOD));

    assertThat(verdict.kind()).isEqualTo(Kind.ENDPOINT_FAILED);
    assertThat(verdict.receiptRefused()).isFalse();
    assertThat(verdict.httpStatus()).isEqualTo(503);
  }

  @Test
  void redirectIsAnEndpointFailure() {
    assertThat(verifier.check(vcb, MESSAGE_ID, 302, null).detail()).contains("redirects are not followed");
  }

  @Test
  void emptyAnswerIsNoReceipt() {
    assertRefused(verifier.check(vcb, MESSAGE_ID, 200, new byte[0]), "no receipt in the answer");
  }

  @Test
  void receiptForAnotherMessageIsRefused() {
    ReceiptVerdict verdict = verifier.check(vcb, "TCHQ" + "F".repeat(32), 200, receipt(VCB, "ACCEPTED", GOOD));

    assertRefused(verdict, "does not answer messageId TCHQFFFF");
  }

  @Test
  void unsignedReceiptIsRefused() {
    assertRefused(verifier.check(vcb, MESSAGE_ID, 200, receipt(VCB, "ACCEPTED", UNSIGNED)), "SWG-SEC-001");
  }

  @Test
  void receiptAlteredAfterSigningIsRefused() {
    assertRefused(verifier.check(vcb, MESSAGE_ID, 200, receipt(VCB, "ACCEPTED", TAMPERED)), "SWG-SEC-002");
  }

  @Test
  void receiptSignedByAnotherBankOfTheSameCaIsRefused() {
    ReceiptVerdict verdict = verifier.check(vcb, MESSAGE_ID, 200, receipt(DevPartner.load("bidv"), "ACCEPTED", GOOD));

    assertRefused(verdict, "receipt signing certificate is not registered for partner vcb");
  }

  @Test
  void receiptSignedUnderAnotherTrustDomainIsRefused() {
    ReceiptVerdict verdict =
        verifier.check(vcb, MESSAGE_ID, 200, receipt(DevPartner.load("asw-id"), "ACCEPTED", GOOD));

    assertRefused(verdict, "SWG-SEC-005");
  }

  @Test
  void receiptSignedWithARevokedRegisteredCertificateIsRefused() {
    // Registered, chains to vcb's anchor, but listed on the CA's CRL: revocation is checked.
    Partner registeringRevoked = PushFixture.partner(PushFixture.vcb(URL, 8,
        List.of(PushFixture.VCB_CERT, Path.of("certs/dev/partners/vcb-revoked/cert.pem"))));

    ReceiptVerdict verdict = verifier.check(registeringRevoked, MESSAGE_ID, 200,
        receipt(DevPartner.load("vcb-revoked"), "ACCEPTED", GOOD));

    assertRefused(verdict, "SWG-SEC-007");
  }

  @Test
  void receiptFromAnotherIdentityIsRefused() {
    byte[] fromBidvIdentity =
        TestPartnerEndpoint.receipt(VCB, "BANK", "01202001", MESSAGE_ID, "ACCEPTED", GOOD);

    assertRefused(verifier.check(vcb, MESSAGE_ID, 200, fromBidvIdentity), "not From partner vcb");
  }

  @Test
  void signedEnvelopeThatIsNotAReceiptIsRefused() {
    byte[] notice = TestMessages.signed("TAX_PAYMENT_NOTICE", VCB);

    assertRefused(verifier.check(vcb, MESSAGE_ID, 200, notice), "not a RECEIPT envelope");
  }

  @Test
  void doctypeInTheAnswerIsRefusedBeforeAnythingIsRead() {
    byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + "<x>&e;</x>").getBytes(StandardCharsets.UTF_8);

    assertRefused(verifier.check(vcb, MESSAGE_ID, 200, xxe), "SWG-ENV-001");
  }

  @Test
  void answerThatIsNotAnEnvelopeIsRefused() {
    assertRefused(verifier.check(vcb, MESSAGE_ID, 200, "<ok/>".getBytes(StandardCharsets.UTF_8)),
        "not a swg:Envelope");
  }

  private static void assertRefused(ReceiptVerdict verdict, String reason) {
    assertThat(verdict.kind()).as(verdict.toString()).isEqualTo(Kind.RECEIPT_REFUSED);
    assertThat(verdict.receiptRefused()).isTrue();
    assertThat(verdict.detail()).contains(reason);
  }
}
