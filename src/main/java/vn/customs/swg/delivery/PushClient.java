package vn.customs.swg.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Posts a signed envelope to a partner's endpoint: {@code Content-Type: application/xml}, bounded
 * connect and answer timeouts, redirects never followed (a partner's URL is configuration, not
 * something its server may move), HTTP/1.1. A 2xx answer's body is read up to a byte cap and the
 * exchange is abandoned beyond it ({@link AnswerTooLargeException}); other answers' bodies are
 * discarded unread. TLS uses the JVM's trust store: transport trust stays apart from the
 * message-signature trust the receipt is checked with.
 */
final class PushClient {

  private final HttpClient http;
  private final Duration requestTimeout;
  private final int maxAnswerBytes;

  PushClient(Duration connectTimeout, Duration requestTimeout, int maxAnswerBytes) {
    this(connectTimeout, requestTimeout, maxAnswerBytes, null);
  }

  /**
   * @param tls the gateway's TLS client identity and the trust for partner servers
   *     ({@code gateway.push-tls}), or null for the JVM's defaults
   */
  PushClient(Duration connectTimeout, Duration requestTimeout, int maxAnswerBytes, javax.net.ssl.SSLContext tls) {
    HttpClient.Builder builder = HttpClient.newBuilder();
    if (tls != null) {
      builder.sslContext(tls);
    }
    this.http = builder
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        // HTTP/1.1 everywhere: no h2c upgrade attempt on plain http, one behaviour to support
        .version(HttpClient.Version.HTTP_1_1)
        .build();
    this.requestTimeout = requestTimeout;
    this.maxAnswerBytes = maxAnswerBytes;
  }

  /** Starts the POST; the future completes with the answer or the transport's exception. */
  CompletableFuture<HttpResponse<byte[]>> post(URI url, byte[] envelope) {
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(requestTimeout)
        .header("Content-Type", "application/xml")
        .header("Accept", "application/xml")
        .POST(HttpRequest.BodyPublishers.ofByteArray(envelope))
        .build();
    return http.sendAsync(request, answer -> answer.statusCode() / 100 == 2
        ? new CappedBody(maxAnswerBytes)
        : BodySubscribers.replacing(null));
  }

  /** A 2xx answer longer than the cap: it was not read, and is no receipt. */
  static final class AnswerTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    AnswerTooLargeException(int limit) {
      super("the answer is longer than " + limit + " bytes");
    }
  }

  /** Collects the body up to the cap, and cancels the exchange as soon as it is crossed. */
  private static final class CappedBody implements BodySubscriber<byte[]> {
    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    CappedBody(int limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        if (bytes.size() + buffer.remaining() > limit) {
          subscription.cancel();
          result.completeExceptionally(new AnswerTooLargeException(limit));
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      result.complete(bytes.toByteArray());
    }
  }
}
