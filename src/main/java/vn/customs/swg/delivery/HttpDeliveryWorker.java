package vn.customs.swg.delivery;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.config.GatewayProperties.PartnerChannel;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.partner.PartnerRegistry;
import vn.customs.swg.BackgroundTasks;
import vn.customs.swg.monitoring.MessageLogContext;
import vn.customs.swg.monitoring.OutcomeCounters;
import vn.customs.swg.store.MessageStore;
import vn.customs.swg.store.StoredMessage;
import vn.customs.swg.store.delivery.Delivery;
import vn.customs.swg.store.delivery.DeliveryStore;
import vn.customs.swg.store.delivery.Outcome;
import vn.customs.swg.store.delivery.RetryPolicy;
import vn.customs.swg.trust.material.PartnerDirectory;

/**
 * Pushes due HTTP deliveries to partners. Every poll interval, on one daemon thread, it claims a
 * batch from the {@link DeliveryStore} for a lease, posts each signed envelope (the batch's posts
 * run concurrently, so a batch of slow partners ends well within the lease), and records each
 * answer: delivered on a receipt {@link PartnerReceiptVerifier} accepts, otherwise a failed
 * attempt under the partner's retry policy, which the store turns into FAILED_DELIVERY after the
 * last one; that one call also puts the signed envelope on {@link DeadLetterQueue#QUEUE}. A
 * failing delivery, partner or database call never stops the schedule. One INFO line per attempt
 * (partner, messageId, attempt, outcome), with the message's log context; never the body. Each
 * recorded attempt and a message's end (DELIVERED, FAILED_DELIVERY) are counted. Started and stopped with the
 * application; stopping lets the batch under way finish and record its outcomes.
 */
public final class HttpDeliveryWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HttpDeliveryWorker.class);

  /** The code defaults of {@link GatewayProperties.Delivery}, for a partner that has left the registry. */
  static final RetryPolicy DEFAULT_POLICY =
      new RetryPolicy(8, Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofHours(24), 2.0);

  /**
   * How the worker polls and posts.
   *
   * @param pollInterval pause between two polls
   * @param batchSize most deliveries claimed per poll
   * @param lease how long a claim keeps other nodes off a delivery; longer than an exchange
   * @param connectTimeout bound on opening the connection to the partner
   * @param requestTimeout bound on waiting for the partner's answer once connected
   */
  public record Settings(Duration pollInterval, int batchSize, Duration lease, Duration connectTimeout,
      Duration requestTimeout, javax.net.ssl.SSLContext tls) {

    /** Without TLS settings of its own: the JVM's default trust and no client certificate. */
    public Settings(Duration pollInterval, int batchSize, Duration lease, Duration connectTimeout,
        Duration requestTimeout) {
      this(pollInterval, batchSize, lease, connectTimeout, requestTimeout, null);
    }

    public Settings {
      requirePositive(pollInterval, "gateway.delivery.poll-interval");
      requirePositive(lease, "lease");
      requirePositive(connectTimeout, "connectTimeout");
      requirePositive(requestTimeout, "requestTimeout");
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
      }
      if (lease.compareTo(connectTimeout.plus(requestTimeout).multipliedBy(2)) < 0) {
        throw new IllegalArgumentException("the lease " + lease + " must outlast two exchanges ("
            + connectTimeout + " + " + requestTimeout + " each)");
      }
    }

    /** A batch of 16, a lease of 2 minutes, 10 s to connect and 10 s for the answer. */
    public static Settings withPollInterval(Duration pollInterval) {
      return new Settings(pollInterval, 16, Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    /** How long one exchange may take, connection included, before it is abandoned. */
    Duration exchangeDeadline() {
      return connectTimeout.plus(requestTimeout);
    }

    private static void requirePositive(Duration value, String name) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
    }
  }

  private final DeliveryStore deliveries;
  private final MessageStore messages;
  private final PartnerDirectory partners;
  private final PartnerReceiptVerifier verifier;
  private final DeadLetterQueue deadLetters;
  private final Settings settings;
  private final PushClient client;
  private final OutcomeCounters counters;
  private final BackgroundTasks.Repeating schedule;

  public HttpDeliveryWorker(DeliveryStore deliveries, MessageStore messages, PartnerDirectory partners,
      PartnerReceiptVerifier verifier, DeadLetterQueue deadLetters, Settings settings, OutcomeCounters counters) {
    this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    this.messages = Objects.requireNonNull(messages, "messages");
    this.partners = Objects.requireNonNull(partners, "partners");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.schedule = new BackgroundTasks.Repeating("swg-http-delivery", settings.pollInterval(), this::deliverDue, log,
        "polling for HTTP deliveries failed");
    this.counters = Objects.requireNonNull(counters, "counters");
    this.client = new PushClient(settings.connectTimeout(), settings.requestTimeout(), verifier.maxReceiptBytes(),
        settings.tls());
  }

  /**
   * One poll: claims due HTTP deliveries, pushes them and records every outcome.
   *
   * @return how many deliveries were claimed
   */
  public int deliverDue() {
    List<Delivery> batch = deliveries.claimDue(DeliveryStore.HTTP, settings.batchSize(), settings.lease());
    if (batch.isEmpty()) {
      return 0;
    }
    // One version of the trust material for the whole batch, even if a reload swaps it meanwhile.
    PartnerRegistry registry = partners.current();
    List<Attempt> attempts = new ArrayList<>(batch.size());
    for (Delivery delivery : batch) {
      attempts.add(begin(registry, delivery));
    }
    for (int i = 0; i < attempts.size(); i++) {
      try {
        finish(attempts.get(i));
      } catch (InterruptedException e) {
        // Stopping for good: what is not recorded is retried when its lease runs out.
        attempts.subList(i, attempts.size()).forEach(Attempt::abandon);
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        Delivery d = attempts.get(i).delivery();
        log.error("push of delivery #{} to {}: the outcome could not be recorded, retried after the lease: {}",
            d.id(), d.partnerId(), e.toString(), e);
      }
    }
    return batch.size();
  }

  /** Starts the post, or decides the attempt at once when there is nothing to post. */
  private Attempt begin(PartnerRegistry registry, Delivery delivery) {
    try {
      Partner partner = registry.findById(delivery.partnerId()).orElse(null);
      StoredMessage message = messages.find(delivery.messagePk()).orElse(null);
      byte[] envelope = messages.signedBytes(delivery.messagePk()).orElse(null);
      Attempt attempt = new Attempt(delivery, partner, message, envelope, policyOf(partner, delivery.partnerId()));
      if (partner == null) {
        return attempt.decided(ReceiptVerdict.endpointFailed(null,
            "partner " + delivery.partnerId() + " is no longer registered"));
      }
      URI url = partner.delivery() == null ? null : partner.delivery().url();
      if (partner.channel() != PartnerChannel.HTTP || url == null) {
        return attempt.decided(ReceiptVerdict.endpointFailed(null, "partner " + partner.id()
            + " has no HTTP delivery (gateway.partners." + partner.id() + ".channel and .delivery.url)"));
      }
      if (message == null || envelope == null) {
        return attempt.decided(ReceiptVerdict.endpointFailed(null,
            "no signed envelope stored for message #" + delivery.messagePk()));
      }
      return attempt.posting(client.post(url, envelope), System.nanoTime() + settings.exchangeDeadline().toNanos());
    } catch (RuntimeException e) {
      log.error("push of delivery #{} to {} could not start: {}", delivery.id(), delivery.partnerId(), e.toString(), e);
      return new Attempt(delivery, null, null, null, DEFAULT_POLICY).decided(
          ReceiptVerdict.endpointFailed(null, "could not start: " + e.getClass().getSimpleName()));
    }
  }

  private void finish(Attempt attempt) throws InterruptedException {
    StoredMessage message = attempt.message();
    try (MessageLogContext.Scope scope = MessageLogContext.open(message == null ? null : message.messageId(),
        attempt.delivery().partnerId())) {
      finish(attempt, message == null ? null : message.messageType());
    }
  }

  private void finish(Attempt attempt, String messageType) throws InterruptedException {
    ReceiptVerdict verdict = attempt.verdict() != null ? attempt.verdict() : awaitVerdict(attempt);
    Delivery d = attempt.delivery();
    String messageId = attempt.messageId();
    if (verdict.delivered()) {
      deliveries.recordDelivered(d.id(), verdict.httpStatus(), verdict.detail());
      counters.delivered(d.partnerId(), messageType, DeliveryStore.HTTP);
      log.info("push {} to {}: attempt {} DELIVERED ({})", messageId, d.partnerId(), d.attempts() + 1,
          describe(verdict));
      return;
    }
    Outcome outcome = deliveries.recordFailedAttempt(d.id(), verdict.httpStatus(), verdict.detail(),
        verdict.receiptRefused(), attempt.policy());
    counters.failedAttempt(d.partnerId(), messageType, DeliveryStore.HTTP, outcome, verdict.receiptRefused());
    String result = switch (outcome.kind()) {
      case RETRY -> (verdict.receiptRefused() ? "REFUSED_RECEIPT" : "RETRY") + ", next at " + outcome.nextAttemptAt();
      case FAILED_DELIVERY -> "FAILED_DELIVERY, dead-lettered";
      case NOT_DELIVERING -> "not recorded, the delivery was settled meanwhile";
    };
    log.info("push {} to {}: attempt {} {} ({})", messageId, d.partnerId(), outcome.attempts(), result,
        describe(verdict));
    if (outcome.deadLettered()) {
      deadLetter(attempt, verdict);
    }
  }

  private ReceiptVerdict awaitVerdict(Attempt attempt) throws InterruptedException {
    long remaining = Math.max(0, attempt.deadlineNanos() - System.nanoTime());
    HttpResponse<byte[]> answer;
    try {
      answer = attempt.answer().get(remaining, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      attempt.abandon();
      return ReceiptVerdict.endpointFailed(null, "no answer within " + settings.exchangeDeadline());
    } catch (ExecutionException e) {
      return transportFailure(e.getCause());
    }
    try {
      return verifier.check(attempt.partner(), attempt.messageId(), answer.statusCode(), answer.body());
    } catch (RuntimeException e) {
      log.error("the receipt of {} from {} could not be checked: {}", attempt.messageId(),
          attempt.delivery().partnerId(), e.toString(), e);
      return ReceiptVerdict.refused(answer.statusCode(), "receipt could not be checked: " + e.getClass().getSimpleName());
    }
  }

  private ReceiptVerdict transportFailure(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof PushClient.AnswerTooLargeException) {
      return ReceiptVerdict.refused(null, cause.getMessage() + ", not read");
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return ReceiptVerdict.endpointFailed(null, "could not connect within " + settings.connectTimeout());
    }
    if (cause instanceof HttpTimeoutException) {
      return ReceiptVerdict.endpointFailed(null, "no answer within " + settings.requestTimeout());
    }
    if (cause instanceof ConnectException) {
      return ReceiptVerdict.endpointFailed(null, "connection refused");
    }
    return ReceiptVerdict.endpointFailed(null, "transport error " + cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
  }

  private void deadLetter(Attempt attempt, ReceiptVerdict verdict) {
    Delivery d = attempt.delivery();
    if (attempt.envelope() == null) {
      log.error("delivery #{} to {} gave up without a signed envelope to put on {}; see the deadletters endpoint",
          d.id(), d.partnerId(), DeadLetterQueue.QUEUE);
      return;
    }
    try {
      // The reason as the dead-letter list shows it: the last error the store recorded.
      String reason = deliveries.find(d.id()).map(Delivery::lastError).orElse(verdict.detail());
      StoredMessage message = attempt.message();
      deadLetters.send(message.messageId(), message.messageType(), d.partnerId(), reason, attempt.envelope());
    } catch (RuntimeException e) {
      log.error("delivery #{} of {} to {} is FAILED_DELIVERY but could not be put on {}; it stays listed by the"
          + " deadletters endpoint: {}", d.id(), attempt.messageId(), d.partnerId(), DeadLetterQueue.QUEUE,
          e.toString(), e);
    }
  }

  private static String describe(ReceiptVerdict verdict) {
    return verdict.httpStatus() == null ? verdict.detail() : "HTTP " + verdict.httpStatus() + " " + verdict.detail();
  }

  /** The partner's retry policy; the code defaults when it is gone or its settings are unusable. */
  static RetryPolicy policyOf(Partner partner, String partnerId) {
    GatewayProperties.Delivery d = partner == null ? null : partner.delivery();
    if (d == null) {
      return DEFAULT_POLICY;
    }
    try {
      return new RetryPolicy(d.maxAttempts(), d.initialBackoff(), d.maxBackoff(), d.maxAge(), d.multiplier());
    } catch (IllegalArgumentException | NullPointerException e) {
      log.error("gateway.partners.{}.delivery is not a usable retry policy ({}); retrying with the defaults",
          partnerId, e.getMessage());
      return DEFAULT_POLICY;
    }
  }

  /** One claimed delivery on its way: either decided already or waiting for the partner's answer. */
  private record Attempt(Delivery delivery, Partner partner, StoredMessage message, byte[] envelope,
      RetryPolicy policy, CompletableFuture<HttpResponse<byte[]>> answer, long deadlineNanos,
      ReceiptVerdict verdict) {

    Attempt(Delivery delivery, Partner partner, StoredMessage message, byte[] envelope, RetryPolicy policy) {
      this(delivery, partner, message, envelope, policy, null, 0, null);
    }

    Attempt posting(CompletableFuture<HttpResponse<byte[]>> answer, long deadlineNanos) {
      return new Attempt(delivery, partner, message, envelope, policy, answer, deadlineNanos, null);
    }

    Attempt decided(ReceiptVerdict verdict) {
      return new Attempt(delivery, partner, message, envelope, policy, null, 0, verdict);
    }

    String messageId() {
      return message == null ? "message #" + delivery.messagePk() : message.messageId();
    }

    void abandon() {
      if (answer != null) {
        answer.cancel(true);
      }
    }
  }

  @Override
  public void start() {
    // the first poll at once: deliveries left due by a previous run go out without waiting
    if (schedule.start(Duration.ZERO)) {
      log.info("pushing HTTP deliveries every {}, up to {} at a time", settings.pollInterval(), settings.batchSize());
    }
  }

  @Override
  public void stop() {
    // The batch under way finishes and records its outcomes; only a hung one is interrupted.
    schedule.stop(settings.exchangeDeadline().plusSeconds(5));
  }

  @Override
  public boolean isRunning() {
    return schedule.isRunning();
  }
}
