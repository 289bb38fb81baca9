package vn.customs.swg.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import jakarta.jms.DeliveryMode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.customs.swg.store.delivery.DeadLetter;
import vn.customs.swg.store.delivery.DeliveryAttempt;
import vn.customs.swg.store.delivery.DeliveryStore;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.TestPartnerEndpoint;
import vn.customs.swg.testsupport.TestPartnerEndpoint.ReceiptShape;

/**
 * The push worker against a real HTTP endpoint of the partner: delivered once on a good signed
 * receipt, retried with backoff through failures, dead-lettered after the last attempt and
 * delivered on an operator's replay; a receipt that does not verify is never a delivery.
 */
class HttpDeliveryWorkerTest {

  private final TestPartnerEndpoint partner = TestPartnerEndpoint.vcb();
  private PushFixture gateway;

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.worker.stop();
    }
    partner.close();
  }

  private PushFixture gatewayGivingUpAfter(int maxAttempts) {
    gateway = PushFixture.inMemory(partner.url(), maxAttempts);
    return gateway;
  }

  @Test
  void deliversOnceOnAGoodSignedReceipt() {
    PushFixture gw = gatewayGivingUpAfter(8);
    long delivery = gw.outboundDelivery();

    gw.worker.start();
    gw.awaitState(delivery, DeliveryStore.DELIVERED);
    gw.worker.stop();

    assertThat(partner.requests()).singleElement().satisfies(request -> {
      assertThat(request.body()).as("the envelope as the gateway signed it").isEqualTo(gw.signedBytesOf(delivery));
      assertThat(request.contentType()).isEqualTo("application/xml");
      assertThat(request.messageId()).isEqualTo(gw.messageIdOf(delivery));
    });
    assertThat(gw.deliveries.attempts(delivery))
        .extracting(DeliveryAttempt::attemptNo, DeliveryAttempt::outcome, DeliveryAttempt::httpStatus,
            DeliveryAttempt::detail)
        .containsExactly(tuple(1, "DELIVERED", 200, "receipt ACCEPTED"));
    assertThat(gw.messages.find(gw.delivery(delivery).messagePk()).orElseThrow().state())
        .isEqualTo(DeliveryStore.DELIVERED);
    assertThat(gw.worker.deliverDue()).as("nothing left to push").isZero();
    assertThat(partner.requests()).hasSize(1);
  }

  @Test
  void endpointFailingThreeTimesGetsTheMessageExactlyOnceMoreWhenItRecovers() {
    PushFixture gw = gatewayGivingUpAfter(8);
    partner.failNext(3);
    long delivery = gw.outboundDelivery();

    gw.worker.start();
    gw.awaitState(delivery, DeliveryStore.DELIVERED);
    gw.worker.stop();

    assertThat(partner.requests()).extracting(TestPartnerEndpoint.Request::status).containsExactly(500, 500, 500, 200);
    assertThat(partner.receivedMessageIds()).containsOnly(gw.messageIdOf(delivery));
    assertThat(gw.deliveries.attempts(delivery))
        .extracting(DeliveryAttempt::attemptNo, DeliveryAttempt::outcome, DeliveryAttempt::httpStatus)
        .containsExactly(tuple(1, "RETRY", 500), tuple(2, "RETRY", 500), tuple(3, "RETRY", 500),
            tuple(4, "DELIVERED", 200));
    assertThat(gw.delivery(delivery).attempts()).isEqualTo(4);
    assertThat(gw.worker.deliverDue()).isZero();
    assertThat(partner.requests()).hasSize(4);
  }

  @Test
  void endpointThatNeverRecoversIsDeadLetteredThenDeliveredOnReplay() {
    PushFixture gw = gatewayGivingUpAfter(3);
    DeadLetterEndpoint operator = new DeadLetterEndpoint(gw.deliveries);
    partner.failAlways();
    long delivery = gw.outboundDelivery();
    String messageId = gw.messageIdOf(delivery);

    gw.worker.start();
    gw.awaitState(delivery, DeliveryStore.FAILED_DELIVERY);
    // the queue is told right after the store records the give-up
    PushFixture.await("the dead letter on the queue", () -> !gw.jms.sent().isEmpty());

    assertThat(gw.deliveries.attempts(delivery)).extracting(DeliveryAttempt::outcome)
        .containsExactly("RETRY", "RETRY", "FAILED");
    assertThat(operator.deadLetters()).singleElement().satisfies(letter -> {
      assertThat(letter.deliveryPk()).isEqualTo(delivery);
      assertThat(letter.messageId()).isEqualTo(messageId);
      assertThat(letter.partnerId()).isEqualTo("vcb");
      assertThat(letter.attempts()).isEqualTo(3);
      assertThat(letter.lastError()).isEqualTo("HTTP 500 partner endpoint failed");
    });
    assertThat(gw.jms.sent()).singleElement().satisfies(sent -> {
      assertThat(sent.queue()).isEqualTo("swg.outbound.dlq");
      assertThat(sent.deliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
      assertThat(sent.text()).isEqualTo(new String(gw.signedBytesOf(delivery), StandardCharsets.UTF_8));
      assertThat(sent.properties())
          .containsEntry("swgMessageId", messageId)
          .containsEntry("swgSenderId", "vcb")
          .containsEntry("swgMessageType", "TAX_PAYMENT_CONFIRMATION")
          .containsEntry("swgDeadLetterReason", "HTTP 500 partner endpoint failed");
    });
    assertThat(partner.requests()).as("no attempt after giving up").hasSize(3);

    partner.recover();
    // The operator replays everything vcb had dead-lettered once its endpoint is back.
    assertThat(operator.replay(null, "bidv")).as("another partner's replay touches nothing").isEmpty();
    assertThat(operator.replay(null, "vcb")).containsExactly(new DeadLetterEndpoint.ReplayResult(delivery, true));
    gw.awaitState(delivery, DeliveryStore.DELIVERED);

    assertThat(partner.requests()).extracting(TestPartnerEndpoint.Request::status).containsExactly(500, 500, 500, 200);
    assertThat(operator.deadLetters()).isEmpty();
    assertThat(operator.attempts(delivery)).extracting(DeliveryAttempt::attemptNo, DeliveryAttempt::outcome)
        .containsExactly(tuple(1, "RETRY"), tuple(2, "RETRY"), tuple(3, "FAILED"), tuple(1, "DELIVERED"));
    assertThat(operator.replay(delivery).replayed()).as("a delivered message is not replayed").isFalse();
    assertThat(gw.jms.sent()).hasSize(1);
    gw.worker.stop();
    // what the operator's dashboard counted: each attempt, the give-up and the delivery after replay
    assertThat(attempts(gw, "RETRY")).isEqualTo(2.0);
    assertThat(attempts(gw, "FAILED")).isEqualTo(1.0);
    assertThat(attempts(gw, "DELIVERED")).isEqualTo(1.0);
    assertThat(messages(gw, "FAILED_DELIVERY")).isEqualTo(1.0);
    assertThat(messages(gw, "DELIVERED")).isEqualTo(1.0);
  }

  private static double attempts(PushFixture gw, String outcome) {
    return gw.meters.get("swg.delivery.attempts").tags("partner", "vcb", "channel", "HTTP", "outcome", outcome)
        .counter().count();
  }

  private static double messages(PushFixture gw, String outcome) {
    return gw.meters.get("swg.messages").tags("direction", "OUTBOUND", "partner", "vcb",
        "type", "TAX_PAYMENT_CONFIRMATION", "outcome", outcome, "code", "none").counter().count();
  }

  @Test
  void receiptSignedByAnotherBankIsNoDelivery() {
    PushFixture gw = gatewayGivingUpAfter(8);
    partner.signReceiptsWith(DevPartner.load("bidv"));
    long delivery = gw.outboundDelivery();

    assertThat(gw.worker.deliverDue()).isEqualTo(1);

    assertThat(gw.state(delivery)).isEqualTo(DeliveryStore.DELIVERING);
    assertThat(gw.deliveries.attempts(delivery)).singleElement().satisfies(attempt -> {
      assertThat(attempt.outcome()).isEqualTo("REFUSED_RECEIPT");
      assertThat(attempt.httpStatus()).isEqualTo(200);
      assertThat(attempt.detail()).contains("not registered for partner vcb");
    });
    assertThat(gw.delivery(delivery).lastError()).startsWith("receipt refused: HTTP 200");
    assertThat(attempts(gw, "REFUSED_RECEIPT")).isEqualTo(1.0);
    assertThat(gw.meters.find("swg.messages").counters()).as("the message has no outcome yet").isEmpty();
  }

  @Test
  void tamperedReceiptIsNoDeliveryAndTheMessageGoesAgain() {
    PushFixture gw = gatewayGivingUpAfter(8);
    partner.receiptShape(ReceiptShape.TAMPERED);
    long delivery = gw.outboundDelivery();

    gw.worker.start();
    PushFixture.await("a refused receipt", () -> !gw.deliveries.attempts(delivery).isEmpty());
    partner.receiptShape(ReceiptShape.GOOD);
    gw.awaitState(delivery, DeliveryStore.DELIVERED);
    gw.worker.stop();

    assertThat(gw.deliveries.attempts(delivery)).first().satisfies(attempt -> {
      assertThat(attempt.outcome()).isEqualTo("REFUSED_RECEIPT");
      assertThat(attempt.detail()).contains("SWG-SEC-002");
    });
    assertThat(gw.deliveries.attempts(delivery)).last().extracting(DeliveryAttempt::outcome).isEqualTo("DELIVERED");
  }

  @Test
  void failingDeliveriesAndAnUnreachableQueueDoNotStopTheOthers() {
    PushFixture gw = gatewayGivingUpAfter(1);
    gw.jms.brokerDown();
    long orphan = gw.deliveries.create(gw.outboundMessage(), "gone", DeliveryStore.HTTP, null);
    partner.failNext(1);
    long failing = gw.outboundDelivery();

    gw.worker.start();
    gw.awaitState(failing, DeliveryStore.FAILED_DELIVERY);
    long next = gw.outboundDelivery();
    gw.awaitState(next, DeliveryStore.DELIVERED);
    gw.worker.stop();

    // a partner gone from the registry: retried under the default policy (first retry in ~5 s)
    assertThat(gw.deliveries.attempts(orphan)).singleElement()
        .extracting(DeliveryAttempt::outcome, DeliveryAttempt::detail)
        .containsExactly("RETRY", "partner gone is no longer registered");
    assertThat(new DeadLetterEndpoint(gw.deliveries).deadLetters()).extracting(DeadLetter::deliveryPk)
        .as("listed although the queue was unreachable").containsExactly(failing);
    assertThat(gw.jms.sent()).isEmpty();
  }
}
