package vn.customs.swg.inbound;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import vn.customs.swg.BackgroundTasks;

/**
 * Runs work that a later step of the flow needs on another core while the steps in between go on,
 * so that one message's answer does not wait for the sum of its signatures when a core is free.
 * The step that needs the result {@linkplain Task#take() takes} it: if no worker has begun the
 * work by then, that step does it itself. A busy gateway (every core taken, the workers' queue
 * full) thus runs the work inline as before and never waits behind other messages' work. Work that
 * no step takes (the flow failed in between) is dropped unread; only its CPU is lost.
 */
@Component
public class WorkAhead implements DisposableBean {

  /** Work waiting for a worker; beyond this the step does it inline when it needs it. */
  static final int QUEUE = 256;

  private final ThreadPoolExecutor workers;

  public WorkAhead() {
    this(Runtime.getRuntime().availableProcessors());
  }

  WorkAhead(int threads) {
    AtomicInteger number = new AtomicInteger();
    workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
        runnable -> {
          Thread thread = new Thread(runnable, "swg-ahead-" + number.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        },
        // Not queued: the step that needs the result runs it (Task.take), so nothing is lost.
        new ThreadPoolExecutor.DiscardPolicy());
  }

  /** Hands {@code work} to a free worker; {@link Task#take()} gives its result (or its exception). */
  public <T> Task<T> start(Supplier<T> work) {
    Task<T> task = new Task<>(work);
    workers.execute(task::runUnlessTaken);
    return task;
  }

  @Override
  public void destroy() {
    // Work under way (a receipt being signed) may finish; the flows have stopped taking results.
    BackgroundTasks.stopGracefully(workers, Duration.ofSeconds(5));
  }

  /** One piece of work begun ahead; whoever claims it first (a worker or the step) does it. */
  public static final class Task<T> {

    private final Supplier<T> work;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CompletableFuture<T> result = new CompletableFuture<>();

    private Task(Supplier<T> work) {
      this.work = work;
    }

    private void runUnlessTaken() {
      if (claimed.compareAndSet(false, true)) {
        try {
          result.complete(work.get());
        } catch (Throwable e) {
          result.completeExceptionally(e);
        }
      }
    }

    /**
     * The work's result: done here if no worker has begun it, else waited for. Throws what the
     * work threw, unwrapped, so error handling sees the same exception as for inline work.
     */
    public T take() {
      if (claimed.compareAndSet(false, true)) {
        return work.get();
      }
      try {
        return result.join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw e;
      }
    }
  }
}
