package vn.customs.swg.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a partner's server can do to the push: answer too much, redirect, or not answer at all. */
class PushClientTest {

  private static final byte[] ENVELOPE = "<swg:Envelope xmlns:swg=\"urn:vn:customs:swg:envelope:1\"/>".getBytes();

  private final HttpServer server = start();
  private final CountDownLatch release = new CountDownLatch(1);
  // Request timeout generous enough for a loaded 2-core CI machine; the no-answer test still hits it.
  private final PushClient client = new PushClient(Duration.ofSeconds(2), Duration.ofSeconds(2), 1024);

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private static HttpServer start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private URI answering(int status, byte[] body, String location) {
    server.createContext("/", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        if (location != null) {
          exchange.getResponseHeaders().set("Location", location);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        }
      } catch (IOException e) {
        // the client hung up: expected when it stops reading
      }
    });
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/swg/messages");
  }

  private HttpResponse<byte[]> post(URI url) throws Exception {
    return client.post(url, ENVELOPE).get(5, TimeUnit.SECONDS);
  }

  @Test
  void readsASmallAnswer() throws Exception {
    HttpResponse<byte[]> answer = post(answering(200, "<ok/>".getBytes(), null));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("<ok/>".getBytes());
  }

  @Test
  void stopsReadingAnAnswerLongerThanTheCap() {
    URI url = answering(200, new byte[64 * 1024], null);

    assertThatThrownBy(() -> post(url)).isInstanceOf(ExecutionException.class)
        .hasRootCauseInstanceOf(PushClient.AnswerTooLargeException.class)
        .hasStackTraceContaining("longer than 1024 bytes");
  }

  @Test
  void discardsTheBodyOfAFailure() throws Exception {
    HttpResponse<byte[]> answer = post(answering(500, new byte[64 * 1024], null));

    assertThat(answer.statusCode()).isEqualTo(500);
    assertThat(answer.body()).isNull();
  }

  @Test
  void doesNotFollowARedirect() throws Exception {
    HttpResponse<byte[]> answer = post(answering(302, new byte[0], "http://127.0.0.1:1/elsewhere"));

    assertThat(answer.statusCode()).isEqualTo(302);
  }

  @Test
  void givesUpOnAPartnerThatDoesNotAnswer() {
    server.createContext("/", exchange -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/swg/messages");

    assertThatThrownBy(() -> post(url)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(HttpTimeoutException.class);
  }
}
