package vn.customs.swg.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Posts pre-signed submissions to the gateway over keep-alive HTTP/1.1 and times each answer;
 * nothing is signed, parsed or verified while the clock runs. Closed loop ({@code rate} 0):
 * {@code concurrency} workers each send the next submission as soon as their previous answer is
 * in, and latency runs from the send. Open loop: submission i is due at start + i / rate, at most
 * {@code concurrency} are outstanding, and latency runs from the due time, not from the actual
 * send, so a gateway that stalls is charged for the messages that waited behind the stall
 * (coordinated omission). A run ends when every submission is answered or, with a duration, when
 * it is over: later submissions are not sent.
 */
public final class LoadRun {

  /** One message to post: already signed, with the messageId its receipt must answer. */
  public record Submission(String partner, String messageId, byte[] body) {}

  /**
   * The gateway's answer to one submission.
   *
   * @param httpStatus the HTTP status, or 0 when the exchange failed in transport
   * @param body the answer's bytes (a receipt, normally); empty on a transport error
   * @param transportError the exception's simple name on a transport error, else null
   * @param latencyMicros from send (closed loop) or due time (open loop) to the last byte read
   * @param startedAtMillis when that latency began (send or due time), in milliseconds since the
   *     epoch: places a slow answer on the time line of the gateway's own logs
   */
  public record Answer(Submission submission, int httpStatus, byte[] body, String transportError,
      long latencyMicros, long startedAtMillis) {}

  /**
   * How to post.
   *
   * @param rate messages per second (open loop), or 0 for a closed loop
   * @param duration stop sending after this long, or null to send every submission
   */
  public record Settings(URI url, int concurrency, double rate, Duration duration, Duration timeout) {
    public Settings {
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1");
      }
      if (rate < 0) {
        throw new IllegalArgumentException("rate must not be negative");
      }
    }

    boolean openLoop() {
      return rate > 0;
    }
  }

  /**
   * What a run measured.
   *
   * @param answers the answers in submission order, only for the submissions that were sent
   * @param elapsedNanos from the first due time to the last answer
   * @param latency every answer's latency in microseconds, transport errors included
   */
  public record Result(List<Answer> answers, long elapsedNanos, Histogram latency, int notSent) {

    /** Answers per second over the run. */
    public double throughput() {
      return elapsedNanos == 0 ? 0 : answers.size() * 1e9 / elapsedNanos;
    }
  }

  /** As the gateway's contract asks: application/xml (the envelope declares its own encoding). */
  private static final ContentType XML = ContentType.create("application/xml");

  private final Settings settings;
  private final PartnerConnections connections;

  /**
   * @param connections each submission goes out on its partner's connection (TLS: its client
   *     certificate); the caller closes them
   */
  public LoadRun(Settings settings, PartnerConnections connections) {
    this.settings = settings;
    this.connections = connections;
  }

  /** Posts {@code submissions} and returns when every worker is done. */
  public Result run(List<Submission> submissions) throws InterruptedException {
    int total = submissions.size();
    AtomicReferenceArray<Answer> answers = new AtomicReferenceArray<>(total);
    AtomicInteger next = new AtomicInteger();
    AtomicLong lastAnswer = new AtomicLong();
    ExecutorService workers = Executors.newFixedThreadPool(settings.concurrency(), runnable -> {
      Thread thread = new Thread(runnable, "bench-sender");
      thread.setDaemon(true);
      return thread;
    });
    List<Future<Histogram>> histograms = new ArrayList<>();
    long start = System.nanoTime();
    long epochMillis = System.currentTimeMillis();
    long deadline = settings.duration() == null ? Long.MAX_VALUE : start + settings.duration().toNanos();
    for (int w = 0; w < settings.concurrency(); w++) {
      histograms.add(workers.submit(() -> {
        Histogram latency = new Histogram(3);
        for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
          long due = settings.openLoop() ? start + (long) (i * 1e9 / settings.rate()) : System.nanoTime();
          if (due >= deadline || System.nanoTime() >= deadline) {
            break;
          }
          waitUntil(due);
          long from = settings.openLoop() ? due : System.nanoTime();
          Answer answer = post(submissions.get(i), from, epochMillis + (from - start) / 1_000_000);
          lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
          latency.recordValue(answer.latencyMicros());
          answers.set(i, answer);
        }
        return latency;
      }));
    }
    workers.shutdown();
    Histogram latency = new Histogram(3);
    try {
      for (Future<Histogram> histogram : histograms) {
        latency.add(histogram.get());
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a bench worker failed", e.getCause());
    } finally {
      workers.shutdownNow();
      workers.awaitTermination(10, TimeUnit.SECONDS);
    }
    List<Answer> sent = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      if (answers.get(i) != null) {
        sent.add(answers.get(i));
      }
    }
    long elapsed = sent.isEmpty() ? 0 : lastAnswer.get() - start;
    return new Result(List.copyOf(sent), elapsed, latency, total - sent.size());
  }

  private Answer post(Submission submission, long from, long fromEpochMillis) {
    HttpPost request = new HttpPost(settings.url());
    request.setEntity(new ByteArrayEntity(submission.body(), XML));
    try {
      return connections.forPartner(submission.partner()).execute(request, response -> new Answer(submission,
          response.getCode(), response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity()),
          null, micros(from), fromEpochMillis));
    } catch (IOException e) {
      return new Answer(submission, 0, new byte[0], e.getClass().getSimpleName(), micros(from), fromEpochMillis);
    }
  }

  private static long micros(long fromNanos) {
    return Math.max(0, (System.nanoTime() - fromNanos) / 1000);
  }

  private static void waitUntil(long due) {
    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
      LockSupport.parkNanos(wait);
    }
  }
}
