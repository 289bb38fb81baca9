package vn.customs.swg.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.swg.store.delivery.DeliveryAttempt;
import vn.customs.swg.store.delivery.DeliveryStore;
import vn.customs.swg.testsupport.TestPartnerEndpoint;

/**
 * A gateway restarted while a push is being retried carries on from the database: the retried
 * message is delivered by the new node, and what was delivered before is not pushed again.
 */
class DeliverySurvivesRestartTest {

  @TempDir
  Path dataDir;

  @Test
  void restartDuringRetriesLosesNothingAndRepeatsNothing() {
    // Kept open between statements (no pool here) until the explicit SHUTDOWN of the "restart".
    String url = "jdbc:h2:file:" + dataDir.resolve("swg").toAbsolutePath() + ";DB_CLOSE_DELAY=-1";
    try (TestPartnerEndpoint partner = TestPartnerEndpoint.vcb()) {
      PushFixture before = PushFixture.file(url, "swg-node-1", partner.url(), 20);
      long delivered = before.outboundDelivery();
      long retrying;
      before.worker.start();
      try {
        before.awaitState(delivered, DeliveryStore.DELIVERED);
        partner.failAlways();
        retrying = before.outboundDelivery();
        PushFixture.await("two failed attempts", () -> before.deliveries.attempts(retrying).size() >= 2);
      } finally {
        before.worker.stop();
      }
      int failedBefore = before.deliveries.attempts(retrying).size();
      before.shutdownDatabase();

      partner.recover();
      PushFixture after = PushFixture.file(url, "swg-node-2", partner.url(), 20);
      after.worker.start();
      try {
        after.awaitState(retrying, DeliveryStore.DELIVERED);
      } finally {
        after.worker.stop();
      }

      String deliveredId = after.messageIdOf(delivered);
      String retriedId = after.messageIdOf(retrying);
      assertThat(partner.requests())
          .filteredOn(request -> request.messageId().equals(deliveredId))
          .as("delivered before the restart, not pushed again").hasSize(1);
      assertThat(partner.requests())
          .filteredOn(request -> request.messageId().equals(retriedId))
          .extracting(TestPartnerEndpoint.Request::status)
          .hasSize(failedBefore + 1).endsWith(200).containsOnlyOnce(200);
      assertThat(after.deliveries.attempts(retrying)).hasSize(failedBefore + 1).last()
          .extracting(DeliveryAttempt::outcome, DeliveryAttempt::node, DeliveryAttempt::attemptNo)
          .containsExactly("DELIVERED", "swg-node-2", failedBefore + 1);
      assertThat(after.deliveries.attempts(retrying).subList(0, failedBefore))
          .extracting(DeliveryAttempt::outcome, DeliveryAttempt::node)
          .containsOnly(tuple("RETRY", "swg-node-1"));
      assertThat(after.deliveries.attempts(delivered)).extracting(DeliveryAttempt::outcome)
          .containsExactly("DELIVERED");
      after.shutdownDatabase();
    }
  }
}
