package vn.customs.swg.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import vn.customs.swg.trust.revocation.RevocationAnswer.Status;

/** What is remembered, for how long, and what a remembered answer costs. */
class RevocationCacheTest extends RevocationFixture {

  @Test
  void secondCheckIsAnsweredFromCacheWithoutARequest() {
    RevocationChecker checker = checker();

    RevocationAnswer first = check(checker);
    RevocationAnswer second = check(checker);

    assertThat(second).isSameAs(first);
    assertThat(server.totalHits()).isEqualTo(1);
  }

  @Test
  void revocationPublishedAfterTheCachedNextUpdateIsSeenOnTheNextCheck() {
    RevocationChecker checker = checker();
    assertThat(check(checker).status()).isEqualTo(Status.GOOD);

    responder.revoke(certificate, clock.instant());
    clock.advance(Duration.ofMinutes(9));
    assertThat(check(checker).status()).as("still within nextUpdate: cached").isEqualTo(Status.GOOD);
    clock.advance(Duration.ofMinutes(2));
    RevocationAnswer after = check(checker);

    assertThat(after.status()).isEqualTo(Status.REVOKED);
    assertThat(server.hits("/ocsp")).isEqualTo(2);
  }

  @Test
  void answerWithoutNextUpdateIsKeptForTheConfiguredPeriod() {
    responder.nextUpdateIn = null;
    RevocationChecker checker = checker();
    RevocationAnswer first = check(checker);
    assertThat(first.nextUpdate()).isNull();

    clock.advance(Duration.ofMinutes(29));
    check(checker);
    assertThat(server.hits("/ocsp")).isEqualTo(1);
    clock.advance(Duration.ofMinutes(2));
    check(checker);
    assertThat(server.hits("/ocsp")).isEqualTo(2);
  }

  @Test
  void unavailableIsRememberedOnlyForSeconds() {
    responder.unknown(certificate);
    RevocationChecker checker = checker();
    assertThat(check(checker).status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(check(checker).status()).isEqualTo(Status.UNAVAILABLE);
    assertThat(server.hits("/ocsp")).as("burst answered from memory").isEqualTo(1);

    serveCrl(currentCrl());
    clock.advance(RevocationChecker.UNAVAILABLE_CACHE_PERIOD.plusSeconds(1));
    RevocationAnswer recovered = check(checker);

    assertThat(recovered.status()).isEqualTo(Status.GOOD);
    assertThat(server.hits("/ocsp")).isEqualTo(2);
  }

  @Test
  void deadResponderIsNotRetriedForEveryCertificateWithinSeconds() {
    URI dead = URI.create("http://127.0.0.1:" + TestServer.deadPort() + "/ocsp");
    serveCrl(currentCrl());
    RevocationChecker checker = checker();
    RevocationSources sources = new RevocationSources(dead, List.of());

    checker.check(certificate, issuer(), sources);
    RevocationAnswer other = checker.check(pki.endEntity(null, server.url("/crl")), issuer(), sources);

    assertThat(other.status()).isEqualTo(Status.GOOD);
    assertThat(other.detail()).contains("good per CRL");
    // The second certificate's OCSP attempt is answered from the remembered failure.
    assertThat(checker.check(pki.endEntity(null, null), issuer(), new RevocationSources(dead, List.of())).detail())
        .contains("connection failed", "not retried before");
  }

  @Test
  void clearForgetsCachedAnswers() {
    RevocationChecker checker = checker();
    check(checker);

    checker.clear();
    check(checker);

    assertThat(server.hits("/ocsp")).isEqualTo(2);
  }

  @Test
  void concurrentChecksOfOneCertificateShareOneRequest() throws Exception {
    responder.delayMillis = 100;
    RevocationChecker checker = checker();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Callable<RevocationAnswer>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        calls.add(() -> {
          start.await();
          return check(checker);
        });
      }
      List<Future<RevocationAnswer>> answers = new ArrayList<>();
      calls.forEach(call -> answers.add(pool.submit(call)));
      start.countDown();
      for (Future<RevocationAnswer> answer : answers) {
        assertThat(answer.get().status()).isEqualTo(Status.GOOD);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.hits("/ocsp")).isEqualTo(1);
  }

  // Its cost is measured by bench/trust-step.sh (JMH), never asserted here: timing belongs in benchmarks.
  @Test
  void warmCacheAnswersManyChecksWithOneFetch() {
    RevocationChecker checker = checker();
    for (int i = 0; i < 10_000; i++) {
      assertThat(check(checker).status()).isEqualTo(Status.GOOD);
    }

    assertThat(server.totalHits()).isEqualTo(1);
  }

  @Test
  void fullCacheEvictsTheOldestAnswerFirst() {
    AnswerCache cache = new AnswerCache(2);
    Instant now = clock.instant();
    Instant later = now.plus(Duration.ofHours(1));
    AnswerCache.Key first = new AnswerCache.Key(issuer(), BigInteger.ONE);
    AnswerCache.Key second = new AnswerCache.Key(issuer(), BigInteger.TWO);
    AnswerCache.Key third = new AnswerCache.Key(issuer(), BigInteger.TEN);
    RevocationAnswer answer = RevocationAnswer.unavailable("x");

    cache.put(first, answer, later, now);
    cache.put(second, answer, later, now);
    cache.put(first, answer, later, now);
    cache.put(third, answer, later, now);

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get(second, now)).as("oldest surviving insert").isNull();
    assertThat(cache.get(first, now)).isNotNull();
    assertThat(cache.get(third, now)).isNotNull();
  }

  @Test
  void expiredAnswerIsNotReturned() {
    AnswerCache cache = new AnswerCache(10);
    Instant now = clock.instant();
    AnswerCache.Key key = new AnswerCache.Key(issuer(), BigInteger.ONE);
    cache.put(key, RevocationAnswer.unavailable("x"), now.plusSeconds(5), now);

    assertThat(cache.get(key, now.plusSeconds(4))).isNotNull();
    assertThat(cache.get(key, now.plusSeconds(5))).isNull();
  }
}
