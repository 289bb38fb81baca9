package vn.customs.swg.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.swg.testsupport.TestMessages.DS;
import static vn.customs.swg.testsupport.TestMessages.NS;
import static vn.customs.swg.testsupport.TestMessages.first;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.signature.SenderSigner;
import vn.customs.swg.signature.SignatureProfile;
import vn.customs.swg.testsupport.BackendQueues;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.EndToEndTest;
import vn.customs.swg.testsupport.GatewayClient;
import vn.customs.swg.testsupport.GatewayClient.Answer;
import vn.customs.swg.testsupport.GatewayReceipts;
import vn.customs.swg.testsupport.TestMessages;
import vn.customs.swg.testsupport.TestPki;
import vn.customs.swg.store.MessageEvent;
import vn.customs.swg.store.MessageStore;

/**
 * Every rejection path of the inbound flow, through the real HTTP endpoint: the contract's code
 * and HTTP status, a receipt signed by the gateway that names the submitted messageId, and nothing
 * on any back-end queue.
 */
@EndToEndTest
class InboundRejectionIT {

  private static final DevPartner VCB = DevPartner.load("vcb");
  private static final DevPartner MOIT = DevPartner.load("moit");

  @LocalServerPort int port;
  @Autowired JmsTemplate jmsTemplate;
  @Autowired EmbeddedActiveMQ broker;
  @Autowired MessageStore store;

  private GatewayClient gateway;
  private BackendQueues queues;

  @BeforeEach
  void setUp() {
    gateway = new GatewayClient(port);
    queues = new BackendQueues(jmsTemplate, broker);
    queues.clearAll();
  }

  @Test
  void rejectsTamperedBody() {
    Document document = signedNotice();
    Element amount = (Element) TestMessages.bodyDocument(document).getElementsByTagNameNS("*", "totalAmount").item(0);
    amount.setTextContent(amount.getTextContent() + "0");

    assertRejected(submit(document), 403, "SWG-SEC-002", document);
  }

  @Test
  void rejectsTamperedHeader() {
    Document document = signedNotice();
    TestMessages.set(document, "sentAt", TestMessages.first(document, "sentAt").getTextContent().replace("+07:00", "+07:01"));

    assertRejected(submit(document), 403, "SWG-SEC-002", document);
  }

  @Test
  void rejectsUnsignedMessage() {
    Document document = TestMessages.fresh("TAX_PAYMENT_NOTICE");

    assertRejected(submit(document), 403, "SWG-SEC-001", document);
  }

  @Test
  void rejectsSignatureOverBodyOnly() throws Exception {
    Document document = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    Element body = first(document, "Body");
    body.setIdAttributeNS(null, "Id", true);
    Element signatures = document.createElementNS(NS, "swg:Signatures");
    Element slot = document.createElementNS(NS, "swg:SenderSignature");
    signatures.appendChild(slot);
    document.getDocumentElement().appendChild(signatures);
    // A genuine, valid signature, but over Body alone: the header (who, what, when) is unsigned.
    XMLSignature signature = new XMLSignature(document, "", SignatureProfile.RSA_SHA256, SignatureProfile.EXC_C14N);
    slot.appendChild(signature.getElement());
    Transforms transforms = new Transforms(document);
    transforms.addTransform(SignatureProfile.EXC_C14N);
    signature.addDocument("#body", transforms, SignatureProfile.SHA256);
    signature.addKeyInfo(VCB.certificate());
    signature.sign(VCB.key());

    assertRejected(submit(document), 403, "SWG-SEC-003", document);
  }

  @Test
  void rejectsWrappedBody() {
    Document document = signedNotice();
    // The signed Body moves into the signature's KeyInfo-adjacent ds:Object and an attacker's
    // Body takes its place under a new Id (Somorovsky et al. 2012).
    Element signedBody = first(document, "Body");
    Element attackerBody = (Element) signedBody.cloneNode(true);
    attackerBody.setAttributeNS(null, "Id", "attacker-body");
    Element amount = (Element) attackerBody.getElementsByTagNameNS("*", "totalAmount").item(0);
    amount.setTextContent("1");
    Element signature = (Element) document.getElementsByTagNameNS(DS, "Signature").item(0);
    Element object = document.createElementNS(DS, "ds:Object");
    signature.appendChild(object);
    document.getDocumentElement().replaceChild(attackerBody, signedBody);
    object.appendChild(signedBody);

    assertRejected(submit(document), 403, "SWG-SEC-003", document);
  }

  @Test
  void rejectsDuplicateIdValues() {
    Document document = signedNotice();
    // A second element carrying the Body's Id: which one a resolver picks is the attacker's game.
    TestMessages.bodyDocument(document).setAttributeNS(null, "Id", "body");

    assertRejected(submit(document), 403, "SWG-SEC-003", document);
  }

  @Test
  void rejectsSha1Signature() {
    Document document = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    new SenderSigner(SignatureProfile.RSA_SHA1, SignatureProfile.SHA1).sign(document, VCB.key(), VCB.chain());

    assertRejected(submit(document), 403, "SWG-SEC-004", document);
  }

  @Test
  void rejectsRsa1024Key() {
    TestPki.Issued weak = TestPki.rootCa("CN=Weak Test CA").issue("CN=Weak Bank, OU=01203001", TestPki.rsa(1024));
    Document document = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    TestMessages.sign(document, weak.keyPair().getPrivate(), java.util.List.of(weak.certificate()));

    assertRejected(submit(document), 403, "SWG-SEC-004", document);
  }

  @Test
  void rejectsCertificateFromAnotherPartnersCa() {
    // The ministry's certificate (government CA) on a bank's message: not under the bank's anchors.
    Document document = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    TestMessages.sign(document, MOIT);

    assertRejected(submit(document), 403, "SWG-SEC-005", document);
  }

  @Test
  void rejectsRevokedDevCertificate() {
    // certs/dev/partners/vcb-revoked is listed in the dev public CA's CRL, vcb's revocation source.
    Document document = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    TestMessages.sign(document, DevPartner.load("vcb-revoked"));

    assertRejected(submit(document), 403, "SWG-SEC-007", document);
  }

  @Test
  void rejectsVcbSigningAsBidv() {
    Document document = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    TestMessages.setParty(document, "From", "identity", "01202001");
    TestMessages.sign(document, VCB);

    assertRejected(submit(document), 403, "SWG-SEC-009", document);
  }

  @Test
  void rejectsMessageTypeThePartnerMayNotSend() {
    Document document = TestMessages.fresh("LICENCE_RESULT");
    TestMessages.setParty(document, "From", "partyType", "BANK");
    TestMessages.setParty(document, "From", "identity", "01203001");
    TestMessages.sign(document, VCB);

    assertRejected(submit(document), 403, "SWG-RTE-003", document);
  }

  @Test
  void rejectsUnknownMessageType() {
    Document document = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    TestMessages.set(document, "messageType", "TAX_REFUND_NOTICE");
    TestMessages.sign(document, VCB);

    assertRejected(submit(document), 400, "SWG-RTE-002", document);
  }

  @Test
  void rejectsDoctypeWithEntity() {
    byte[] signed = XmlOutput.toBytes(signedNotice());
    String xml = new String(signed, StandardCharsets.UTF_8).replaceFirst("<\\?xml[^>]*\\?>", "");
    String hostile = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE swg:Envelope [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + xml;

    Answer answer = gateway.submit(hostile.getBytes(StandardCharsets.UTF_8));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorCodes()).containsExactly("SWG-ENV-001");
    GatewayReceipts.assertSignedByGateway(answer);
    assertThat(queues.countAll()).isZero();
  }

  @Test
  void rejectsMessageOverTheSizeCap() {
    Answer answer = gateway.submit(overTheSizeCap());

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.errorCodes()).containsExactly("SWG-ENV-005");
    GatewayReceipts.assertSignedByGateway(answer);
    assertThat(queues.countAll()).isZero();
  }

  @Test
  void rejectsMessageOverTheSizeCapStreamedWithoutLength() {
    // no Content-Length to refuse on: the cap holds on the bytes read (at most the cap plus one)
    Answer answer = gateway.submitStreamed(overTheSizeCap());

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.errorCodes()).containsExactly("SWG-ENV-005");
    GatewayReceipts.assertSignedByGateway(answer);
    assertThat(queues.countAll()).isZero();
  }

  private static byte[] overTheSizeCap() {
    byte[] huge = new byte[2 * 1024 * 1024 + 10];
    Arrays.fill(huge, (byte) ' ');
    byte[] start = "<swg:Envelope xmlns:swg=\"urn:vn:customs:swg:envelope:1\">".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(start, 0, huge, 0, start.length);
    return huge;
  }

  @Test
  void rejectsContentThatIsNotXml() {
    Answer answer = gateway.submit("{\"hello\":1}".getBytes(StandardCharsets.UTF_8), "application/json");

    assertThat(answer.status()).isEqualTo(415);
    assertThat(answer.errorCodes()).containsExactly("SWG-ENV-001");
    GatewayReceipts.assertSignedByGateway(answer);
  }

  @Test
  void rejectsEnvelopeSchemaViolation() {
    Document document = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    Element function = first(document, "function");
    function.getParentNode().removeChild(function);
    TestMessages.sign(document, VCB);

    assertRejected(submit(document), 400, "SWG-ENV-002", document);
  }

  @Test
  void rejectsBodySchemaViolation() {
    Document document = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    Element total = (Element) TestMessages.bodyDocument(document).getElementsByTagNameNS("*", "totalAmount").item(0);
    total.setTextContent("not-a-number");
    TestMessages.sign(document, VCB);

    assertRejected(submit(document), 400, "SWG-ENV-004", document);
  }

  @Test
  void trackingShowsARejectionWithItsCode() {
    Document document = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    Element total = (Element) TestMessages.bodyDocument(document).getElementsByTagNameNS("*", "totalAmount").item(0);
    total.setTextContent("-5");
    TestMessages.sign(document, VCB);
    assertThat(submit(document).errorCodes()).containsExactly("SWG-ENV-004");

    String tracking = gateway.get("/api/v1/messages/" + TestMessages.messageId(document) + "?sender=vcb").body();

    assertThat(tracking).contains("\"state\":\"REJECTED\"", "\"errorCodes\":[\"SWG-ENV-004\"]",
        "\"messageType\":\"TAX_PAYMENT_NOTICE\"");
  }

  @Test
  void trackingAnUnknownMessageIsNotFound() {
    assertThat(gateway.get("/api/v1/messages/NOSUCHID?sender=vcb").statusCode()).isEqualTo(404);
  }

  @Test
  void rejectsUnsupportedEnvelopeVersion() {
    Document document = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    document.getDocumentElement().setAttributeNS(null, "version", "2.0");
    TestMessages.sign(document, VCB);

    assertRejected(submit(document), 400, "SWG-ENV-003", document);
  }

  @Test
  void rejectsSentAtOutsideTheClockSkew() {
    Document document = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    TestMessages.set(document, "sentAt", "2026-01-01T08:00:00+07:00");
    TestMessages.sign(document, VCB);

    assertRejected(submit(document), 400, "SWG-ENV-006", document);
  }

  @Test
  void rejectsRoutingSentByAPartner() {
    Document document = signedNotice();
    Element routing = document.createElementNS(NS, "swg:Routing");
    routing.setAttributeNS(null, "Id", "routing");
    document.getDocumentElement().insertBefore(routing, first(document, "Signatures"));

    assertRejected(submit(document), 400, "SWG-ENV-007", document);
  }

  @Test
  void rejectsSystemSignatureSentByAPartner() {
    Document document = signedNotice();
    Element forged = document.createElementNS(NS, "swg:SystemSignature");
    first(document, "Signatures").appendChild(forged);

    assertRejected(submit(document), 400, "SWG-ENV-007", document);
  }

  @Test
  void rejectsSameMessageIdWithDifferentContent() {
    Document original = signedNotice();
    assertThat(submit(original).receiptStatus()).isEqualTo("ACCEPTED");
    assertThat(queues.countAll()).isEqualTo(1L);
    queues.clearAll();

    Document altered = TestMessages.fresh("TAX_PAYMENT_NOTICE");
    TestMessages.set(altered, "messageId", TestMessages.messageId(original));
    TestMessages.set(altered, "sentAt", TestMessages.first(original, "sentAt").getTextContent());
    Element amount = (Element) TestMessages.bodyDocument(altered).getElementsByTagNameNS("*", "totalAmount").item(0);
    amount.setTextContent("999"); // another amount under the same messageId
    TestMessages.sign(altered, VCB);

    assertRejected(submit(altered), 409, "SWG-DUP-001", altered);
  }

  @Test
  void answersIdenticalResubmissionWithTheOriginalReceiptAndDoesNotForwardIt() {
    byte[] submission = XmlOutput.toBytes(signedNotice());
    Answer first = gateway.submit(submission);
    assertThat(first.receiptStatus()).isEqualTo("ACCEPTED");
    assertThat(queues.countAll()).isEqualTo(1L);
    queues.clearAll();

    Answer again = gateway.submit(submission);

    assertThat(again.status()).isEqualTo(202);
    assertThat(again.receiptStatus()).isEqualTo("DUPLICATE");
    assertThat(again.text("receivedAt")).isEqualTo(first.text("receivedAt"));
    assertThat(again.refToMessageId()).isEqualTo(first.refToMessageId());
    GatewayReceipts.assertSignedByGateway(again);
    assertThat(queues.countAll()).isZero();
    // the evidence shows both submissions: the resubmission is an event of the original
    long original = store.findLatest("vcb", first.refToMessageId()).orElseThrow().id();
    assertThat(store.events(original)).extracting(MessageEvent::state)
        .containsExactly("RECEIVED", "ACCEPTED", "DISPATCHED", "RESUBMITTED");
  }

  private Document signedNotice() {
    return TestMessages.sign(TestMessages.fresh("TAX_PAYMENT_NOTICE"), VCB);
  }

  private Answer submit(Document document) {
    return gateway.submit(XmlOutput.toBytes(document));
  }

  private void assertRejected(Answer answer, int status, String code, Document submitted) {
    assertThat(answer.status()).as("HTTP status").isEqualTo(status);
    assertThat(answer.receiptStatus()).isEqualTo("REJECTED");
    assertThat(answer.errorCodes()).containsExactly(code);
    assertThat(answer.refToMessageId()).isEqualTo(TestMessages.messageId(submitted));
    GatewayReceipts.assertSignedByGateway(answer);
    assertThat(queues.countAll()).as("messages on back-end queues").isZero();
  }
}
