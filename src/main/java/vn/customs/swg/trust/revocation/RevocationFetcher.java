package vn.customs.swg.trust.revocation;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decides how revocation bytes are fetched: one bounded attempt per URL, every byte counted. An
 * HTTP exchange gets {@code timeout} to connect and {@code timeout} end to end (headers and body),
 * redirects are never followed (a 3xx is a failure: the allow-list was checked on this URL, not
 * on wherever a server points), no proxy is used, and a body is read only up to its cap: a longer
 * one is abandoned, never half-used. A URL that just failed on the transport (refused, timed out,
 * bad status, too big) is not retried for {@link #RETRY_AFTER}, so a dead responder costs one
 * timeout per window instead of one per request thread.
 */
final class RevocationFetcher {

  /** How long a transport failure is remembered; short, so recovery is seen quickly. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private static final int MAX_REMEMBERED_FAILURES = 1_000;

  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;
  private final Map<URI, Failure> recentFailures = new ConcurrentHashMap<>();

  private record Failure(Instant until, String reason) {}

  RevocationFetcher(Duration timeout, Clock clock) {
    this.timeout = timeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder()
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .proxy(HttpClient.Builder.NO_PROXY)
        // HTTP/1.1: OCSP and CRL servers are plain HTTP/1.1 servers (RFC 6960 A.1, RFC 5280 4.2.1.13);
        // no h2c upgrade dance with them.
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** POSTs a DER OCSP request (RFC 6960 A.1) and returns the response body. */
  byte[] postOcsp(URI url, byte[] request, long maxBytes) throws UnusableSourceException {
    HttpRequest post = HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Content-Type", "application/ocsp-request")
        .header("Accept", "application/ocsp-response")
        .POST(HttpRequest.BodyPublishers.ofByteArray(request))
        .build();
    return exchange(url, post, maxBytes);
  }

  /** GETs a CRL over http(s), or reads it from a local file named by configuration. */
  byte[] get(URI url, long maxBytes) throws UnusableSourceException {
    if ("file".equals(url.getScheme())) {
      return readFile(url, maxBytes);
    }
    return exchange(url, HttpRequest.newBuilder(url).timeout(timeout).GET().build(), maxBytes);
  }

  /** Lets a caller mark a URL whose content was fetched but is unusable for everyone (stale CRL). */
  void remember(URI url, String reason) {
    if (recentFailures.size() > MAX_REMEMBERED_FAILURES) {
      // Only allowed or configured URLs get here, so this is a backstop, not a policy.
      recentFailures.clear();
    }
    recentFailures.put(url, new Failure(clock.instant().plus(RETRY_AFTER), reason));
  }

  void clear() {
    recentFailures.clear();
  }

  private byte[] exchange(URI url, HttpRequest request, long maxBytes) throws UnusableSourceException {
    Failure failure = recentFailures.get(url);
    if (failure != null) {
      if (clock.instant().isBefore(failure.until())) {
        throw new UnusableSourceException(failure.reason() + " (not retried before " + failure.until() + ")");
      }
      recentFailures.remove(url, failure);
    }
    CompletableFuture<HttpResponse<byte[]>> pending =
        http.sendAsync(request, info -> CappedBody.forResponse(info, maxBytes));
    try {
      // The request timeout only covers the wait for headers; this bounds the body as well, so a
      // server trickling a CRL byte by byte cannot hold a request thread.
      return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS).body();
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw failed(url, "timed out after " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new UnusableSourceException("interrupted");
    } catch (ExecutionException e) {
      throw failed(url, describe(e.getCause(), timeout));
    }
  }

  private UnusableSourceException failed(URI url, String reason) {
    remember(url, reason);
    return new UnusableSourceException(reason);
  }

  private static String describe(Throwable cause, Duration timeout) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof BodyRefused) {
        return t.getMessage();
      }
      if (t instanceof HttpConnectTimeoutException) {
        return "connect timed out after " + timeout.toMillis() + " ms";
      }
      if (t instanceof HttpTimeoutException) {
        return "timed out after " + timeout.toMillis() + " ms";
      }
      if (t instanceof ConnectException) {
        return "connection failed" + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")");
      }
    }
    return "fetch failed (" + (cause == null ? "unknown" : cause.getClass().getSimpleName()) + ")";
  }

  private static byte[] readFile(URI url, long maxBytes) throws UnusableSourceException {
    try (InputStream in = Files.newInputStream(RevocationSources.fileOf(url))) {
      byte[] data = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 16));
      if (data.length > maxBytes) {
        throw new UnusableSourceException("larger than " + maxBytes + " bytes");
      }
      return data;
    } catch (NoSuchFileException e) {
      throw new UnusableSourceException("file not found");
    } catch (IOException | RuntimeException e) {
      throw new UnusableSourceException("file not readable (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Why a response body was refused; the message is the reason reported. */
  private static final class BodyRefused extends IOException {
    private static final long serialVersionUID = 1L;

    BodyRefused(String reason) {
      super(reason, null);
    }
  }

  /**
   * Collects a body up to a cap and refuses it as soon as it passes it, so an oversized CRL costs
   * at most {@code max} bytes of memory; a non-200 status or an announced length over the cap is
   * refused before reading anything.
   */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    private final long max;
    private final BodyRefused refusal;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private byte[] buffer = new byte[0];
    private int size;

    private CappedBody(long max, BodyRefused refusal) {
      this.max = max;
      this.refusal = refusal;
    }

    static CappedBody forResponse(HttpResponse.ResponseInfo info, long max) {
      if (info.statusCode() != 200) {
        // 3xx included: redirects are not followed (see class comment).
        return new CappedBody(max, new BodyRefused("HTTP status " + info.statusCode()));
      }
      long announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (announced > max) {
        return new CappedBody(max, new BodyRefused("larger than " + max + " bytes (Content-Length " + announced + ")"));
      }
      return new CappedBody(max, null);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (refusal != null) {
        subscription.cancel();
        result.completeExceptionally(refusal);
        return;
      }
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        if ((long) size + item.remaining() > max) {
          subscription.cancel();
          result.completeExceptionally(new BodyRefused("larger than " + max + " bytes"));
          return;
        }
        if (size + item.remaining() > buffer.length) {
          byte[] grown = new byte[(int) Math.min(Math.min(max, Integer.MAX_VALUE - 16L),
              Math.max(Math.max(2L * buffer.length, 8192L), (long) size + item.remaining()))];
          System.arraycopy(buffer, 0, grown, 0, size);
          buffer = grown;
        }
        int n = item.remaining();
        item.get(buffer, size, n);
        size += n;
      }
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      byte[] body = new byte[size];
      System.arraycopy(buffer, 0, body, 0, size);
      result.complete(body);
    }
  }
}
