package vn.customs.swg;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops the gateway's background schedulers (push worker, trust-file watcher) the same way: the
 * task under way may finish and record what it did; only one that outlasts the deadline is
 * interrupted.
 */
public final class BackgroundTasks {

  private BackgroundTasks() {}

  public static void stopGracefully(ExecutorService executor, Duration deadline) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
