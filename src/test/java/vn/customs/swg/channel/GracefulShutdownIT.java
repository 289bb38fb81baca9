package vn.customs.swg.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.w3c.dom.Document;
import vn.customs.swg.GatewayApplication;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.GatewayReceipts;
import vn.customs.swg.testsupport.TestMessages;

/**
 * A node told to stop while a submission is between its checks and its back-end queue: the node
 * stops taking connections at once, the submission in flight still gets its ACCEPTED receipt,
 * and the store shows it DISPATCHED (sent to its queue), not left half-way. The submission is
 * held inside the route by a latch the test opens only once the shutdown has begun, so the order
 * is forced, not hoped for; every wait is bounded. Its own context, embedded broker server id 50.
 */
class GracefulShutdownIT {

  private static final String DATABASE = "jdbc:h2:mem:swg-graceful-shutdown;DB_CLOSE_DELAY=-1";

  @Test
  void aSubmissionInFlightFinishesWithItsReceiptAndNothingIsLeftHalfDone() throws Exception {
    ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class)
        .profiles("dev")
        .run("--server.port=0", "--management.server.port=0", "--gateway.node-id=swg-node-shutdown-test",
            "--spring.datasource.url=" + DATABASE, "--spring.artemis.embedded.persistent=false",
            "--spring.artemis.embedded.server-id=50", "--logging.structured.format.console=");
    CountDownLatch inRoute = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AdviceWith.adviceWith(gateway.getBean(CamelContext.class), "receive-message",
        route -> route.weaveByToUri("jms:*").before().process(exchange -> {
          inRoute.countDown();
          release.await(60, TimeUnit.SECONDS);
        }));
    int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
    Document message = TestMessages.sign(TestMessages.fresh("TAX_PAYMENT_NOTICE"), DevPartner.load("vcb"));

    CompletableFuture<HttpResponse<byte[]>> answer = HttpClient.newHttpClient().sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/messages"))
            .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/xml")
            .POST(HttpRequest.BodyPublishers.ofByteArray(XmlOutput.toBytes(message))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(inRoute.await(60, TimeUnit.SECONDS)).as("the submission reached the dispatch step").isTrue();

    CompletableFuture<Void> stopped = CompletableFuture.runAsync(gateway::close);
    assertThat(refusesConnections(port)).as("the stopping node takes no new connection").isTrue();
    assertThat(answer).as("the submission in flight is still waiting, not cut").isNotDone();
    release.countDown();

    HttpResponse<byte[]> response = answer.get(120, TimeUnit.SECONDS);
    stopped.get(120, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(202);
    GatewayReceipts.assertSignedByGateway(response.body());
    assertThat(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("ACCEPTED");
    assertThat(storedState(TestMessages.messageId(message))).isEqualTo("DISPATCHED");
  }

  // Polls until a connection to the port is refused: Tomcat's graceful shutdown has closed its
  // server socket. Bounded by 60 s.
  private static boolean refusesConnections(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      } catch (ConnectException e) {
        return true;
      } catch (IOException e) {
        // a timeout or reset: ask again
      }
      Thread.sleep(100);
    }
    return false;
  }

  // The in-memory database outlives the context (DB_CLOSE_DELAY=-1): what the node left behind.
  private static String storedState(String messageId) throws Exception {
    try (Connection connection = DriverManager.getConnection(DATABASE, "swg", "");
        PreparedStatement query = connection.prepareStatement(
            "select state from swg_message where direction = 'INBOUND' and message_id = ?")) {
      query.setString(1, messageId);
      try (ResultSet rows = query.executeQuery()) {
        assertThat(rows.next()).as("a stored record of " + messageId).isTrue();
        return rows.getString(1);
      }
    }
  }
}
