package vn.customs.swg.trust.material;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.customs.swg.testsupport.DevPartner;

/** The watcher reloads when a trust file's content changes, and keeps watching whatever happens. */
class TrustFileWatcherTest {

  private static final Duration INTERVAL = Duration.ofMillis(100);
  private static final Duration BOUND = Duration.ofSeconds(5);

  @TempDir
  Path dir;

  private PartnerDirectory directory;
  private Collection<Path> files;
  private TrustFileWatcher watcher;

  @BeforeEach
  void loadVcb() {
    var partners = TrustFixture.devVcb(dir);
    directory = TrustFixture.directory(partners, Clock.systemUTC());
    files = TrustFiles.of(partners);
  }

  @AfterEach
  void stopWatcher() {
    if (watcher != null) {
      watcher.stop();
    }
  }

  @Test
  void noticesAChangedFileWithinOneInterval() {
    watcher = new TrustFileWatcher(directory, () -> files, INTERVAL);
    watcher.start();

    TrustFixture.copyDev("partners/bidv/cert.pem", dir.resolve("vcb.pem"));

    await().atMost(BOUND).pollInterval(Duration.ofMillis(20))
        .until(() -> directory.current().findById("vcb").orElseThrow()
            .signsWith(DevPartner.load("bidv").certificate()));
    assertThat(directory.status().loadedBy()).startsWith("files changed: ").contains("vcb.pem");
  }

  @Test
  void filesRewrittenWithTheSameContentDoNotReload() {
    watcher = new TrustFileWatcher(directory, () -> files, INTERVAL);

    TrustFixture.copyDev("partners/vcb/cert.pem", dir.resolve("vcb.pem"));

    assertThat(watcher.checkNow()).isNull();
    assertThat(directory.status().loadedBy()).isEqualTo("start-up");
  }

  @Test
  void aBrokenFileFailsOneReloadNotOneAtEveryLook() {
    watcher = new TrustFileWatcher(directory, () -> files, INTERVAL);

    TrustFixture.write(dir.resolve("vcb.pem"), "garbage");
    assertThat(watcher.checkNow().succeeded()).isFalse();
    assertThat(watcher.checkNow()).isNull();

    TrustFixture.copyDev("partners/bidv/cert.pem", dir.resolve("vcb.pem"));
    assertThat(watcher.checkNow().succeeded()).isTrue();
    assertThat(directory.status().lastFailure()).isNull();
  }

  @Test
  void aDeletedFileIsAChangeAndFailsTheReload() {
    watcher = new TrustFileWatcher(directory, () -> files, INTERVAL);

    dir.resolve("public-ca.pem").toFile().delete();

    assertThat(watcher.checkNow().failure()).contains("does not exist");
  }

  @Test
  void aFailingLookDoesNotStopTheSchedule() {
    AtomicInteger looks = new AtomicInteger();
    Supplier<Collection<Path>> failsOnItsFirstScheduledLook = () -> {
      if (looks.incrementAndGet() == 2) {
        throw new IllegalStateException("file system hiccup");
      }
      return files;
    };
    watcher = new TrustFileWatcher(directory, failsOnItsFirstScheduledLook, INTERVAL);
    watcher.start();
    await().atMost(BOUND).until(() -> looks.get() >= 3);

    TrustFixture.copyDev("partners/bidv/cert.pem", dir.resolve("vcb.pem"));

    await().atMost(BOUND).pollInterval(Duration.ofMillis(20))
        .until(() -> directory.status().loadedBy().startsWith("files changed"));
  }

  @Test
  void runsOnOneDaemonThreadThatEndsWithStop() {
    watcher = new TrustFileWatcher(directory, () -> files, INTERVAL);
    watcher.start();
    assertThat(watcher.isRunning()).isTrue();
    await().atMost(BOUND).until(() -> watcherThreads().size() == 1);
    assertThat(watcherThreads()).allMatch(Thread::isDaemon);

    watcher.stop();

    assertThat(watcher.isRunning()).isFalse();
    await().atMost(BOUND).until(() -> watcherThreads().isEmpty());
  }

  private static List<Thread> watcherThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("swg-trust-file-watcher") && thread.isAlive())
        .toList();
  }
}
