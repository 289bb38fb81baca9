package vn.customs.swg.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import vn.customs.swg.delivery.DeadLetterReplay.Result;
import vn.customs.swg.store.delivery.DeliveryStore;
import vn.customs.swg.store.delivery.RetryPolicy;

/**
 * An operator's replay of a dead letter, from the console or the admin API, and from the
 * actuator endpoint: it happens only to a delivery that gave up, and the log names who asked.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterReplayTest {

  private static final RetryPolicy GIVE_UP_AT_ONCE =
      new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(1), 1.0);

  // Nothing listens there, and the worker is never started: deliveries fail only when told to.
  private final PushFixture gateway = PushFixture.inMemory(URI.create("http://127.0.0.1:9/none"), 1);
  private final DeadLetterReplay replays = new DeadLetterReplay(gateway.deliveries);

  @Test
  void aDeadLetterIsReplayedOnceAndTheLogNamesTheOperator(CapturedOutput output) {
    long delivery = deadLetter();
    assertThat(replays.deadLetters(0, 10)).extracting(dead -> dead.deliveryPk()).containsExactly(delivery);

    DeadLetterReplay.Replay first = replays.replay(delivery, "alice");
    DeadLetterReplay.Replay second = replays.replay(delivery, "bob");

    assertThat(first).isEqualTo(new DeadLetterReplay.Replay(delivery, Result.REPLAYED, DeliveryStore.DELIVERING, "alice"));
    assertThat(second.result()).isEqualTo(Result.NOT_DEAD);
    assertThat(replays.deadLetters(0, 10)).isEmpty();
    assertThat(output).contains("delivery #" + delivery + " replay asked by operator alice: REPLAYED");
    assertThat(output).contains("delivery #" + delivery + " replay asked by operator bob: NOT_DEAD (DELIVERING)");
  }

  @Test
  void anUnknownDeliveryIsSaidToBeUnknownAndEveryReplayIsSomeones() {
    assertThat(replays.replay(4711, "alice").result()).isEqualTo(Result.UNKNOWN);
    assertThatThrownBy(() -> replays.replay(4711, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void theActuatorEndpointLogsTheLoggedInOperator(CapturedOutput output) {
    long delivery = deadLetter();
    Principal alice = () -> "alice";
    SecurityContext login = new SecurityContext() {
      @Override
      public Principal getPrincipal() {
        return alice;
      }

      @Override
      public boolean isUserInRole(String role) {
        return true;
      }
    };

    new DeadLetterEndpoint(gateway.deliveries).replay(delivery, null, login);

    assertThat(output).contains("operator replay of delivery #" + delivery + " by alice: DELIVERING again");
  }

  private long deadLetter() {
    long delivery = gateway.outboundDelivery();
    assertThat(gateway.deliveries.recordFailedAttempt(delivery, 503, "down", false, GIVE_UP_AT_ONCE).deadLettered())
        .isTrue();
    return delivery;
  }
}
