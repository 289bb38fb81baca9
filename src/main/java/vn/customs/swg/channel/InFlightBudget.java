package vn.customs.swg.channel;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Decides how many bytes of submissions the gateway works on at once, so that the heap holds
 * whatever arrives (docs/performance.md, "Memory at the size cap"). A message costs the heap many
 * times its size while it is checked (the bytes, their DOM, the counter-signed copy, the JMS text,
 * the store's copies), so 32 messages at the 2 MB cap at once do not fit in 512 MB; two at a
 * time do (the default budget, 4 MB), and two cores cannot work on more than two at a time anyway. A submission takes its
 * declared length from the budget before its body is read (the whole cap when it declares none)
 * and gives it back once answered; one that cannot get it within the wait is refused with the
 * retryable SWG-SYS-002 instead of the node running out of memory. Waiting is first come, first
 * served: a stream of small messages cannot starve one at the cap. A submission larger than the
 * whole budget waits for all of it, so the budget never refuses what the size cap admits.
 */
public final class InFlightBudget {

  private final Semaphore bytes;
  private final int totalBytes;
  private final Duration maxWait;

  /**
   * @param totalBytes bytes of submissions worked on at once, across all request threads
   * @param maxWait how long a submission waits for its share before it is refused
   */
  public InFlightBudget(int totalBytes, Duration maxWait) {
    if (totalBytes <= 0 || maxWait.isNegative()) {
      throw new IllegalArgumentException("in-flight budget needs a positive size and a wait of zero or more");
    }
    this.totalBytes = totalBytes;
    this.maxWait = maxWait;
    this.bytes = new Semaphore(totalBytes, true);
  }

  /** A share of the budget, given back by {@link #close()}. */
  public final class Share implements AutoCloseable {
    private final int taken;
    private boolean released;

    private Share(int taken) {
      this.taken = taken;
    }

    @Override
    public void close() {
      if (!released) {
        released = true;
        bytes.release(taken);
      }
    }
  }

  /**
   * Takes {@code length} bytes of the budget (all of it if that is more), waiting up to the
   * configured time.
   *
   * @return the share, or null if it could not be had in time (or the thread was interrupted)
   */
  public Share take(long length) {
    int wanted = (int) Math.max(1, Math.min(length, totalBytes));
    try {
      return bytes.tryAcquire(wanted, maxWait.toNanos(), TimeUnit.NANOSECONDS) ? new Share(wanted) : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Bytes of the budget not taken right now; for metrics and tests. */
  public int available() {
    return bytes.availablePermits();
  }
}
