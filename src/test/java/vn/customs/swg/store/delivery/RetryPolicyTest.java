package vn.customs.swg.store.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy = DeliveryFixture.POLICY; // 30 s doubling, capped at 10 min

  @Test
  void backoffDoublesFromTheInitialWaitUntilCapped() {
    RandomGenerator noJitter = always(0.5);

    assertThat(IntStream.rangeClosed(1, 7)
            .mapToObj(n -> policy.backoff(n, noJitter).toSeconds()))
        .containsExactly(30L, 60L, 120L, 240L, 480L, 600L, 600L);
  }

  @Test
  void jitterStaysWithinTwentyPercentAndDoesSpread() {
    RandomGenerator random = new SplittableRandom(7);
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int i = 0; i < 10_000; i++) {
      double factor = policy.backoff(3, random).toMillis() / 120_000.0;
      min = Math.min(min, factor);
      max = Math.max(max, factor);
    }
    assertThat(min).isGreaterThanOrEqualTo(0.8).isLessThan(0.81);
    assertThat(max).isLessThanOrEqualTo(1.2).isGreaterThan(1.19);
    assertThat(policy.backoff(3, always(0.0))).isEqualTo(Duration.ofSeconds(96));
  }

  @Test
  void capIsACeilingJitterIncluded() {
    assertThat(policy.backoff(9, always(0.999999))).isEqualTo(Duration.ofMinutes(10));
    assertThat(policy.backoff(9, always(0.0))).isEqualTo(Duration.ofMinutes(8));
    // the exponent overflows to infinity long before this; the cap still holds
    assertThat(policy.backoff(100_000, always(0.5))).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void rejectsPoliciesThatCannotWork() {
    Duration s = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new RetryPolicy(0, s, s, s, 2)).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, s, s, 2))
        .hasMessageContaining("initialBackoff");
    assertThatThrownBy(() -> new RetryPolicy(3, s.multipliedBy(2), s, s, 2))
        .hasMessageContaining("maxBackoff");
    assertThatThrownBy(() -> new RetryPolicy(3, s, s, Duration.ZERO, 2))
        .hasMessageContaining("maxAge");
    assertThatThrownBy(() -> new RetryPolicy(3, s, s, s, 0.5)).hasMessageContaining("multiplier");
    assertThatThrownBy(() -> new RetryPolicy(3, s, s, s, Double.NaN))
        .hasMessageContaining("multiplier");
    assertThatThrownBy(() -> policy.backoff(0, always(0.5))).hasMessageContaining("failedAttempts");
  }

  /** A generator whose every double is the given value. */
  static RandomGenerator always(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }
}
