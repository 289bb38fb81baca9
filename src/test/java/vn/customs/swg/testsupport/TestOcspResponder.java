package vn.customs.swg.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An OCSP responder for one test CA on 127.0.0.1, signing its answers with the CA's own key
 * (RFC 6960 4.2.2.2: the issuer itself may answer). Each serial's status can change while a
 * gateway runs; answers carry a nextUpdate {@code validity} ahead, which bounds the gateway's cache.
 */
public final class TestOcspResponder implements AutoCloseable {

  /** What the responder says about a serial. */
  public enum Mode { GOOD, REVOKED }

  private final HttpServer server;
  private final TestPki.Ca ca;
  private final Duration validity;
  private final Map<BigInteger, Mode> modes = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile boolean down;

  private TestOcspResponder(TestPki.Ca ca, Duration validity) throws IOException {
    this.ca = ca;
    this.validity = validity;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/ocsp", exchange -> {
      requests.incrementAndGet();
      try (exchange) {
        if (down) {
          exchange.sendResponseHeaders(500, -1);
          return;
        }
        byte[] answer = answer(new OCSPReq(exchange.getRequestBody().readAllBytes()));
        exchange.getResponseHeaders().set("Content-Type", "application/ocsp-response");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      } catch (Exception e) {
        exchange.sendResponseHeaders(500, -1);
      }
    });
    server.start();
  }

  public static TestOcspResponder start(TestPki.Ca ca, Duration validity) {
    try {
      return new TestOcspResponder(ca, validity);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public void set(BigInteger serial, Mode mode) {
    modes.put(serial, mode);
  }

  /** A down responder answers HTTP 500 to everything, as a failing real one would. */
  public void down(boolean value) {
    this.down = value;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp";
  }

  public int requests() {
    return requests.get();
  }

  private byte[] answer(OCSPReq request) throws Exception {
    Instant now = Instant.now();
    BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(
        X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded())));
    var nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    if (nonce != null) {
      builder.setResponseExtensions(new Extensions(nonce));
    }
    for (Req single : request.getRequestList()) {
      Mode mode = modes.getOrDefault(single.getCertID().getSerialNumber(), Mode.GOOD);
      CertificateStatus status = mode == Mode.GOOD ? CertificateStatus.GOOD
          : new RevokedStatus(Date.from(now.minusSeconds(1)), CRLReason.keyCompromise);
      builder.addResponse(single.getCertID(), status, Date.from(now.minusSeconds(5)), Date.from(now.plus(validity)), null);
    }
    var basic = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.keyPair().getPrivate()),
        new X509CertificateHolder[0], Date.from(now));
    return new OCSPRespBuilder().build(OCSPResp.SUCCESSFUL, basic).getEncoded();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
