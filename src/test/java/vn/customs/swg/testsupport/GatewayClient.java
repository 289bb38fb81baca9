package vn.customs.swg.testsupport;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Posts submissions to a running gateway on localhost and reads its answers, as a partner would. */
public final class GatewayClient {

  private final HttpClient http;
  private final URI messages;
  private final URI base;
  private final Duration timeout;

  public GatewayClient(int port) {
    this(port, Duration.ofSeconds(30));
  }

  /** @param timeout how long one submission may take, answer included (benchmarks queue many large ones) */
  public GatewayClient(int port, Duration timeout) {
    this(URI.create("http://127.0.0.1:" + port), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        timeout);
  }

  /** A client of its own, e.g. over HTTPS with a partner's TLS client certificate ({@link TlsClients}). */
  public GatewayClient(URI base, HttpClient http) {
    this(base, http, Duration.ofSeconds(30));
  }

  private GatewayClient(URI base, HttpClient http, Duration timeout) {
    this.base = base;
    this.http = http;
    this.timeout = timeout;
    this.messages = base.resolve("/api/v1/messages");
  }

  /** The answer to one submission: HTTP status and the parsed receipt. */
  public record Answer(int status, byte[] body, Document receipt, HttpResponse<byte[]> response) {

    public String receiptStatus() {
      return text("status");
    }

    public String refToMessageId() {
      return text("refToMessageId");
    }

    public List<String> errorCodes() {
      List<String> codes = new ArrayList<>();
      NodeList nodes = receipt.getElementsByTagNameNS(TestMessages.NS, "code");
      for (int i = 0; i < nodes.getLength(); i++) {
        codes.add(nodes.item(i).getTextContent());
      }
      return codes;
    }

    public String text(String localName) {
      NodeList nodes = receipt.getElementsByTagNameNS(TestMessages.NS, localName);
      return nodes.getLength() == 0 ? null : ((Element) nodes.item(0)).getTextContent();
    }
  }

  public Answer submit(byte[] envelope) {
    return submit(envelope, "application/xml");
  }

  public Answer submit(byte[] envelope, String contentType) {
    return submit(HttpRequest.BodyPublishers.ofByteArray(envelope), contentType);
  }

  /** As a client that streams: chunked transfer encoding, no Content-Length for the gateway to check first. */
  public Answer submitStreamed(byte[] envelope) {
    return submit(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(envelope)), "application/xml");
  }

  private Answer submit(HttpRequest.BodyPublisher body, String contentType) {
    try {
      HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(messages)
          .timeout(timeout)
          .header("Content-Type", contentType)
          .POST(body).build(), HttpResponse.BodyHandlers.ofByteArray());
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      Document receipt = factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
      return new Answer(response.statusCode(), response.body(), receipt, response);
    } catch (Exception e) {
      throw new IllegalStateException("submission failed", e);
    }
  }

  public HttpResponse<String> get(String path) {
    try {
      return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Any request, as an operator's script or a partner would send it: headers as name, value
   * pairs; a body (JSON {@code {}}) for every method but GET and HEAD. Redirects are not followed.
   */
  public HttpResponse<byte[]> send(String method, String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    if (method.equals("GET") || method.equals("HEAD")) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    }
  }
}
