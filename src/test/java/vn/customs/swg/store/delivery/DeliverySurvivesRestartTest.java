package vn.customs.swg.store.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.swg.store.delivery.DeliveryStore.HTTP;
import static vn.customs.swg.store.delivery.DeliveryFixture.POLICY;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database (the default H2 file database, or the PostgreSQL server) keeps retry state and
 * claims across a gateway restart.
 */
class DeliverySurvivesRestartTest {

  @TempDir
  Path dataDir;

  @Test
  void retryScheduleAndClaimsOutliveTheNode() {
    String url = "jdbc:h2:file:" + dataDir.resolve("swg").toAbsolutePath();
    DeliveryFixture before = DeliveryFixture.file(url);
    DeliveryStore node1 = before.store("swg-node-1");
    long retrying = node1.create(before.outboundMessage("vcb"), "vcb", HTTP, null);
    long inFlight = node1.create(before.outboundMessage("bidv"), "bidv", HTTP, null);
    node1.claimDue(HTTP, 10, Duration.ofMinutes(5));
    Outcome outcome = node1.recordFailedAttempt(retrying, 503, "down", false, POLICY);
    Delivery retryingBefore = node1.find(retrying).orElseThrow();
    before.shutdown();

    DeliveryFixture after = DeliveryFixture.file(url);
    DeliveryStore node2 = after.store("swg-node-2");

    assertThat(node2.find(retrying)).contains(retryingBefore);
    assertThat(retryingBefore.nextAttemptAt()).isEqualTo(outcome.nextAttemptAt());
    assertThat(node2.attempts(retrying)).extracting(DeliveryAttempt::outcome, DeliveryAttempt::node)
        .containsExactly(tuple("RETRY", "swg-node-1"));
    assertThat(node2.find(inFlight).orElseThrow().claimedBy()).isEqualTo("swg-node-1");
    assertThat(node2.claimDue(HTTP, 10, Duration.ofMinutes(5)))
        .as("one not due yet, the other still leased to the old node").isEmpty();

    after.clock.advance(Duration.ofMinutes(5).plusMillis(1));
    assertThat(node2.claimDue(HTTP, 10, Duration.ofMinutes(5)))
        .extracting(Delivery::id, Delivery::claimedBy)
        .containsExactlyInAnyOrder(tuple(retrying, "swg-node-2"),
            tuple(inFlight, "swg-node-2"));
    after.shutdown();
  }
}
