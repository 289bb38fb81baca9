package vn.customs.swg.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.signature.SenderSigner;

/**
 * A partner's HTTP push endpoint, {@code POST /swg/messages} on 127.0.0.1 (ephemeral port). It
 * records every request it gets, and answers 200 with a RECEIPT envelope From the partner To
 * CUSTOMS/TCHQ, status ACCEPTED, refToMessageId = the received messageId, signed with the
 * partner's key as its sender signature; or, when told: HTTP 500 for the next N requests, a
 * receipt signed with another key, a receipt altered after signing, or another status.
 */
public final class TestPartnerEndpoint implements AutoCloseable {

  public static final String PATH = "/swg/messages";
  private static final String NS = TestMessages.NS;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  /** What a receipt looks like. */
  public enum ReceiptShape {
    /** Signed by the partner, as it should be. */
    GOOD,
    /** Signed by the partner, then its status changed: the Body digest no longer matches. */
    TAMPERED,
    /** No sender signature at all. */
    UNSIGNED
  }

  /** One request as received, and the HTTP status it was answered with. */
  public record Request(byte[] body, String contentType, String messageId, int status) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "test-partner-endpoint");
    thread.setDaemon(true);
    return thread;
  });
  private final String partyType;
  private final String identity;
  private final List<Request> requests = new ArrayList<>();
  private final AtomicInteger failNext = new AtomicInteger();
  private volatile DevPartner signer;
  private volatile ReceiptShape shape = ReceiptShape.GOOD;
  private volatile String status = "ACCEPTED";

  private TestPartnerEndpoint(DevPartner signer, String partyType, String identity) throws IOException {
    this.signer = signer;
    this.partyType = partyType;
    this.identity = identity;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(PATH, this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** An endpoint answering as the partner with this key, {@code From} partyType and identity. */
  public static TestPartnerEndpoint start(DevPartner signer, String partyType, String identity) {
    try {
      return new TestPartnerEndpoint(signer, partyType, identity);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The dev bank vcb (BANK 01203001) signing its receipts with its own key. */
  public static TestPartnerEndpoint vcb() {
    return start(DevPartner.load("vcb"), "BANK", "01203001");
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /** The next {@code n} requests are answered HTTP 500 without a body (after being recorded). */
  public TestPartnerEndpoint failNext(int n) {
    failNext.set(n);
    return this;
  }

  /** Every request is answered HTTP 500 until {@link #recover()}. */
  public TestPartnerEndpoint failAlways() {
    return failNext(Integer.MAX_VALUE);
  }

  /** Stops failing: requests are answered with receipts again. */
  public TestPartnerEndpoint recover() {
    return failNext(0);
  }

  /** Receipts are signed with this key from now on (another partner's key: a bad signer). */
  public TestPartnerEndpoint signReceiptsWith(DevPartner other) {
    this.signer = other;
    return this;
  }

  public TestPartnerEndpoint receiptShape(ReceiptShape shape) {
    this.shape = shape;
    return this;
  }

  /** Receipts say this status (ACCEPTED by default; DUPLICATE, REJECTED). */
  public TestPartnerEndpoint receiptStatus(String status) {
    this.status = status;
    return this;
  }

  /** Every request so far, in arrival order. */
  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The messageIds received, in arrival order, one per request. */
  public List<String> receivedMessageIds() {
    return requests().stream().map(Request::messageId).toList();
  }

  /** How many requests were answered with a receipt (HTTP 200). */
  public long answeredWithReceipt() {
    return requests().stream().filter(r -> r.status() == 200).count();
  }

  /**
   * A receipt envelope as a partner answers a push: From the partner, To CUSTOMS/TCHQ, RECEIPT
   * with this status for {@code refToMessageId}, signed (or not, or tampered) as the shape says.
   */
  public static byte[] receipt(DevPartner signer, String partyType, String identity, String refToMessageId,
      String status, ReceiptShape shape) {
    Document document = newDocument();
    Element envelope = document.createElementNS(NS, "swg:Envelope");
    envelope.setAttributeNS(null, "version", "1.0");
    document.appendChild(envelope);
    Element header = child(envelope, "Header");
    header.setAttributeNS(null, "Id", "header");
    Element reference = child(header, "Reference");
    text(reference, "messageId", identity + UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT));
    text(reference, "refToMessageId", refToMessageId);
    text(reference, "sentAt", now());
    Element from = child(header, "From");
    text(from, "partyType", partyType);
    text(from, "identity", identity);
    Element to = child(header, "To");
    text(to, "partyType", "CUSTOMS");
    text(to, "identity", "TCHQ");
    Element subject = child(header, "Subject");
    text(subject, "messageType", "RECEIPT");
    text(subject, "function", "RECEIPT");
    Element body = child(envelope, "Body");
    body.setAttributeNS(null, "Id", "body");
    Element receipt = child(body, "Receipt");
    text(receipt, "status", status);
    text(receipt, "receivedAt", now());
    if ("REJECTED".equals(status)) {
      Element error = child(receipt, "error");
      text(error, "code", "SWG-ENV-004");
      text(error, "retryable", "false");
    }
    if (shape != ReceiptShape.UNSIGNED) {
      new SenderSigner().sign(document, signer.key(), signer.chain());
    }
    if (shape == ReceiptShape.TAMPERED) {
      // still a status that would count as delivered: only the signature can catch it
      TestMessages.set(document, "status", "ACCEPTED".equals(status) ? "DUPLICATE" : "ACCEPTED");
    }
    return XmlOutput.toBytes(document);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String messageId = messageIdOf(body);
      boolean fail = failNext.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0;
      int answer = fail || messageId == null ? 500 : 200;
      synchronized (this) {
        requests.add(new Request(body, exchange.getRequestHeaders().getFirst("Content-Type"), messageId, answer));
      }
      if (answer != 200) {
        exchange.sendResponseHeaders(answer, -1);
        return;
      }
      byte[] receipt = receipt(signer, partyType, identity, messageId, status, shape);
      exchange.getResponseHeaders().set("Content-Type", "application/xml");
      exchange.sendResponseHeaders(200, receipt.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(receipt);
      }
    } catch (IOException e) {
      // the client gave up: nothing to answer
    }
  }

  private static String messageIdOf(byte[] envelope) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(envelope));
      return TestMessages.messageId(document);
    } catch (Exception e) {
      return null;
    }
  }

  private static String now() {
    return OffsetDateTime.now(ZoneOffset.ofHours(7)).truncatedTo(ChronoUnit.MILLIS).format(TIME);
  }

  private static Document newDocument() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().newDocument();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Element child(Element parent, String localName) {
    Element element = parent.getOwnerDocument().createElementNS(NS, "swg:" + localName);
    parent.appendChild(element);
    return element;
  }

  private static void text(Element parent, String localName, String value) {
    child(parent, localName).setTextContent(value);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "TestPartnerEndpoint[" + url() + ", " + partyType + " " + identity + "]";
  }
}
