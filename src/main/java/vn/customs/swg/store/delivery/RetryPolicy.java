package vn.customs.swg.store.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to retry a failed delivery and when to give up. The wait after the n-th failed attempt is
 * {@code initialBackoff * multiplier^(n-1)}, capped at {@code maxBackoff}, then spread by a
 * jitter of ±{@value #JITTER_PERCENT}% so that nodes retrying many deliveries to one partner do
 * not hit it in step; {@code maxBackoff} stays a ceiling, jitter included. A delivery gives up
 * (FAILED_DELIVERY) when its attempts reach {@code maxAttempts}, or when an attempt fails more
 * than {@code maxAge} after the delivery started.
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxAge,
    double multiplier) {

  static final int JITTER_PERCENT = 20;
  private static final double JITTER = JITTER_PERCENT / 100.0;

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initialBackoff must be positive, got " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
    }
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive, got " + maxAge);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be a number >= 1, got " + multiplier);
    }
  }

  /**
   * The wait before the next attempt after {@code failedAttempts} failed ones (1 = the first
   * failure), jitter drawn from {@code random}.
   */
  public Duration backoff(int failedAttempts, RandomGenerator random) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException(
          "failedAttempts must be at least 1, got " + failedAttempts);
    }
    double capMillis = maxBackoff.toMillis();
    // pow may overflow to infinity for long runs of attempts; min() caps that too
    double base = Math.min(
        capMillis, initialBackoff.toMillis() * Math.pow(multiplier, failedAttempts - 1));
    double factor = 1.0 + JITTER * (2.0 * random.nextDouble() - 1.0);
    return Duration.ofMillis(Math.round(Math.min(capMillis, base * factor)));
  }
}
