package vn.customs.swg.channel;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.inbound.InboundMessage;
import vn.customs.swg.monitoring.OutcomeCounters;
import vn.customs.swg.receipt.ReceiptFactory;
import vn.customs.swg.receipt.ReceiptStatus;
import vn.customs.swg.receipt.Verdict;
import vn.customs.swg.trust.material.PartnerDirectory;

/**
 * The HTTP channel: {@code POST /api/v1/messages}. It turns a request into bytes (never more than
 * the size cap plus one byte is read) and the route's verdict into an HTTP answer whose body is
 * always a signed receipt, with the status of ENVELOPE.md section 5.
 *
 * <p>On a TLS connection the client certificate names the partner that is connecting
 * ({@link TlsClientAuthenticator}); that partner id is the message's transport identity, which
 * the flow matches against {@code From} (SWG-SEC-010). A TLS request without a registered client
 * certificate is refused before its body is read: HTTP 403 with a signed REJECTED receipt carrying
 * SWG-SEC-010 and no message reference, and nothing recorded or forwarded.
 */
@RestController
public class HttpMessageChannel {

  private static final Logger log = LoggerFactory.getLogger(HttpMessageChannel.class);
  private static final List<String> XML_TYPES = List.of("application/xml", "text/xml");

  private final ProducerTemplate producer;
  private final ReceiptFactory receiptFactory;
  private final Clock clock;
  private final int maxMessageBytes;
  private final OutcomeCounters counters;
  private final TlsClientAuthenticator tlsClients;
  private final InFlightBudget budget;

  public HttpMessageChannel(ProducerTemplate producer, ReceiptFactory receiptFactory, Clock clock,
      GatewayProperties properties, OutcomeCounters counters, PartnerDirectory partners, InFlightBudget budget) {
    this.producer = producer;
    this.tlsClients = new TlsClientAuthenticator(partners);
    this.budget = budget;
    this.counters = counters;
    this.receiptFactory = receiptFactory;
    this.clock = clock;
    this.maxMessageBytes = properties.admission().maxMessageBytes();
  }

  @PostMapping(path = "/api/v1/messages")
  public ResponseEntity<byte[]> submit(HttpServletRequest request) throws IOException {
    OffsetDateTime receivedAt = OffsetDateTime.now(clock);
    TlsClientAuthenticator.TransportIdentity transport = tlsClients.identify(request);
    if (transport.refused()) {
      return answer(refusal(receivedAt, ErrorCode.SEC_010, 403));
    }
    if (!isXml(request.getContentType())) {
      return answer(refusal(receivedAt, ErrorCode.ENV_001, 415));
    }
    if (request.getContentLengthLong() > maxMessageBytes) {
      // Refused before reading: the declared length alone is over the cap.
      return answer(refusal(receivedAt, ErrorCode.ENV_005, 413));
    }
    long declared = request.getContentLengthLong();
    // Room on the heap before the body is read: the declared length, or the whole cap if none.
    try (InFlightBudget.Share share = budget.take(declared >= 0 ? declared : maxMessageBytes + 1L)) {
      if (share == null) {
        log.warn("submission of {} bytes refused: the in-flight budget stayed full (SWG-SYS-002)", declared);
        return answer(refusal(receivedAt, ErrorCode.SYS_002, 503));
      }
      return answer(process(request, receivedAt, transport.partnerId()));
    }
  }

  private Verdict process(HttpServletRequest request, OffsetDateTime receivedAt, String transportPartnerId)
      throws IOException {
    byte[] bytes;
    try (InputStream in = request.getInputStream()) {
      // One byte more than the cap tells "too large" from "exactly at the cap" without reading on.
      bytes = in.readNBytes(maxMessageBytes + 1);
    }
    InboundMessage message = new InboundMessage(InboundMessage.Channel.HTTP, receivedAt, bytes, transportPartnerId);
    Exchange exchange = producer.send("direct:receive-message", e -> e.getMessage().setBody(message));
    Verdict verdict = exchange.getMessage().getBody(Verdict.class);
    if (verdict == null) {
      log.error("inbound route ended without a verdict for {}", message, exchange.getException());
      return refusal(receivedAt, ErrorCode.SYS_001, 503);
    }
    return verdict;
  }

  private static boolean isXml(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      boolean utf8 = type.getCharset() == null || "UTF-8".equalsIgnoreCase(type.getCharset().name());
      return utf8 && XML_TYPES.contains(type.getType() + "/" + type.getSubtype());
    } catch (RuntimeException e) {
      return false;
    }
  }

  // Refusals before the route (nothing could be read safely) still get a signed receipt. They are
  // counted here: the inbound flow, which counts every other answer, never saw them.
  private Verdict refusal(OffsetDateTime receivedAt, ErrorCode code, int status) {
    counters.inbound(null, null, ReceiptStatus.REJECTED, List.of(code));
    byte[] receipt = receiptFactory.build(new ReceiptFactory.Request(ReceiptStatus.REJECTED, receivedAt,
        null, null, null, List.of(new ReceiptFactory.ReceiptError(code, null))));
    return new Verdict(status, ReceiptStatus.REJECTED, List.of(code), receipt);
  }

  private static ResponseEntity<byte[]> answer(Verdict verdict) {
    ResponseEntity.BodyBuilder response = ResponseEntity.status(verdict.httpStatus())
        .contentType(new MediaType("application", "xml", java.nio.charset.StandardCharsets.UTF_8));
    if (verdict.retryable()) {
      response.header(HttpHeaders.RETRY_AFTER, "30");
    }
    return response.body(verdict.receipt());
  }
}
