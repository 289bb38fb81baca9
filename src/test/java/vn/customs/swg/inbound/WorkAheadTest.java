package vn.customs.swg.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkAheadTest {

  private final WorkAhead workAhead = new WorkAhead(1);
  private final CountDownLatch releaseWorker = new CountDownLatch(1);

  @AfterEach
  void stop() {
    releaseWorker.countDown();
    workAhead.destroy();
  }

  @Test
  void aFreeWorkerDoesTheWorkWhileTheFlowGoesOn() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    WorkAhead.Task<String> task = workAhead.start(() -> {
      done.countDown();
      return Thread.currentThread().getName();
    });

    assertThat(done.await(5, TimeUnit.SECONDS)).as("begun without anyone asking for it").isTrue();
    assertThat(task.take()).startsWith("swg-ahead-");
  }

  @Test
  void theStepDoesTheWorkItselfWhenNoWorkerHasBegunIt() throws InterruptedException {
    occupyTheOnlyWorker();
    AtomicInteger runs = new AtomicInteger();
    WorkAhead.Task<String> task = workAhead.start(() -> {
      runs.incrementAndGet();
      return Thread.currentThread().getName();
    });

    assertThat(task.take()).isEqualTo(Thread.currentThread().getName());
    releaseWorker.countDown();
    workAhead.destroy();
    assertThat(runs).as("the worker skips work the step took").hasValue(1);
  }

  @Test
  void workBeyondTheWorkersQueueIsStillDoneOnceEach() throws InterruptedException {
    occupyTheOnlyWorker();
    AtomicInteger runs = new AtomicInteger();
    List<WorkAhead.Task<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < WorkAhead.QUEUE + 10; i++) {
      int n = i;
      tasks.add(workAhead.start(() -> {
        runs.incrementAndGet();
        return n;
      }));
    }
    releaseWorker.countDown();

    for (int i = 0; i < tasks.size(); i++) {
      assertThat(tasks.get(i).take()).isEqualTo(i);
    }
    workAhead.destroy();
    assertThat(runs).hasValue(WorkAhead.QUEUE + 10);
  }

  @Test
  void theWorkersExceptionReachesTheStepAsItWasThrown() throws InterruptedException {
    CountDownLatch failed = new CountDownLatch(1);
    WorkAhead.Task<String> task = workAhead.start(() -> {
      failed.countDown();
      throw new IllegalStateException("signing key unavailable");
    });
    assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(task::take).isInstanceOf(IllegalStateException.class).hasMessage("signing key unavailable");
  }

  private void occupyTheOnlyWorker() throws InterruptedException {
    CountDownLatch busy = new CountDownLatch(1);
    workAhead.start(() -> {
      busy.countDown();
      try {
        return releaseWorker.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
    assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
  }
}
