package vn.customs.swg.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;

/** One verifier instance is a shared bean: verdicts must not leak between request threads. */
class ConcurrentVerificationTest {

  @Test
  void sharedVerifierGivesEachThreadItsOwnVerdict() throws Exception {
    SenderSignatureVerifier verifier = new SenderSignatureVerifier(new SignatureProfile());
    String good = TestEnvelopes.serialize(TestEnvelopes.signedBy(TestPki.RSA_SIGNER));
    String tampered = good.replace(">12500000<", ">1<");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> verdicts = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String xml = i % 2 == 0 ? good : tampered;
        Callable<String> task = () -> verdict(verifier, TestEnvelopes.parse(xml));
        verdicts.add(pool.submit(task));
      }
      for (int i = 0; i < verdicts.size(); i++) {
        assertThat(verdicts.get(i).get(30, TimeUnit.SECONDS))
            .isEqualTo(i % 2 == 0 ? "ACCEPTED" : ErrorCode.SEC_002.code());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static String verdict(SenderSignatureVerifier verifier, Document envelope) {
    try {
      verifier.verify(envelope, false);
      return "ACCEPTED";
    } catch (MessageRejectedException e) {
      return e.errorCode().code();
    }
  }
}
