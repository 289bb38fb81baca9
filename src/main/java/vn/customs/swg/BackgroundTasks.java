package vn.customs.swg;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Stops the gateway's background schedulers (push worker, trust-file watcher, audit head signer,
 * retention purge) the same way: the task under way may finish and record what it did; only one
 * that outlasts the deadline is interrupted. {@link Repeating} is the schedule itself for each of
 * them: one named daemon thread, fixed delay, a failing run logged and the schedule kept.
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

  /**
   * A task run every interval (the first time one interval after start) on one daemon thread.
   * An exception from a run is logged with {@code failure} and the next run comes as planned: an
   * exception escaping a scheduled task would cancel its schedule for good.
   */
  public static final class Repeating {

    private final String threadName;
    private final Duration interval;
    private final Runnable task;
    private final Logger log;
    private final String failure;
    private ScheduledExecutorService executor;

    public Repeating(String threadName, Duration interval, Runnable task, Logger log, String failure) {
      this.threadName = threadName;
      this.interval = interval;
      this.task = task;
      this.log = log;
      this.failure = failure;
    }

    /** Starts the schedule, the first run one interval from now. @return false if it was running already */
    public boolean start() {
      return start(interval);
    }

    /** Starts the schedule, the first run after {@code firstRun}. @return false if it was running already */
    public synchronized boolean start(Duration firstRun) {
      if (executor != null) {
        return false;
      }
      executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, threadName);
        thread.setDaemon(true);
        return thread;
      });
      long millis = Math.max(1, interval.toMillis());
      executor.scheduleWithFixedDelay(this::runOnce, Math.max(0, firstRun.toMillis()), millis, TimeUnit.MILLISECONDS);
      return true;
    }

    /**
     * Stops the schedule, letting a run under way finish within the deadline.
     *
     * @return false if it was not running
     */
    public boolean stop(Duration deadline) {
      ScheduledExecutorService stopping;
      synchronized (this) {
        stopping = executor;
        executor = null;
      }
      if (stopping == null) {
        return false;
      }
      stopGracefully(stopping, deadline);
      return true;
    }

    public synchronized boolean isRunning() {
      return executor != null;
    }

    /** One run, as the schedule makes it: failures logged, never thrown. */
    public void runOnce() {
      try {
        task.run();
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        log.error("{}; trying again in {}: {}", failure, interval, e.toString(), e);
      }
    }
  }
}
