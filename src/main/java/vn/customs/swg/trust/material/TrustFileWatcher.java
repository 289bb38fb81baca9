package vn.customs.swg.trust.material;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import vn.customs.swg.BackgroundTasks;

/**
 * Reloads the trust material when one of its files changes on disk. Every interval it takes the
 * SHA-256 of each file's content (a missing or unreadable file counts as a content of its own) and
 * asks the {@link PartnerDirectory} to reload when any differs from the last look; content, not
 * modification time, so a file copied back unchanged does nothing and a same-second rewrite is
 * seen. A half-written file fails its reload and the next look sees it complete and reloads again.
 * One daemon thread, started and stopped with the application; a failing look is logged and the
 * schedule goes on.
 */
public final class TrustFileWatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TrustFileWatcher.class);

  private final PartnerDirectory directory;
  private final Supplier<? extends Collection<Path>> files;
  private final Duration interval;
  private volatile Map<Path, String> lastLook;
  private final BackgroundTasks.Repeating schedule;

  /**
   * Takes the first look now, so call it right after the directory's first load.
   *
   * @param files every file the trust material is read from, asked again at each look
   */
  public TrustFileWatcher(PartnerDirectory directory, Supplier<? extends Collection<Path>> files, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("gateway.trust.reload-interval must be positive, was " + interval);
    }
    this.directory = directory;
    this.files = files;
    this.interval = interval;
    this.lastLook = look();
    this.schedule = new BackgroundTasks.Repeating("swg-trust-file-watcher", interval, this::checkNow, log,
        "looking for changed trust files failed");
  }

  /**
   * Looks at the files once and reloads if any changed since the last look.
   *
   * @return the reload's outcome, or null when nothing changed
   */
  public synchronized ReloadOutcome checkNow() {
    Map<Path, String> now = look();
    List<Path> changed = now.entrySet().stream()
        .filter(entry -> !Objects.equals(entry.getValue(), lastLook.get(entry.getKey())))
        .map(Map.Entry::getKey)
        .toList();
    // Remembered before reloading: a broken file fails one reload, not one per interval.
    lastLook = now;
    if (changed.isEmpty()) {
      return null;
    }
    return directory.reload("files changed: " + changed);
  }

  private Map<Path, String> look() {
    Map<Path, String> fingerprints = new LinkedHashMap<>();
    for (Path file : files.get()) {
      fingerprints.put(file, fingerprint(file));
    }
    return fingerprints;
  }

  private static String fingerprint(Path file) {
    if (!Files.exists(file)) {
      return "absent";
    }
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[8192];
      for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      return "unreadable: " + e;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  @Override
  public void start() {
    if (schedule.start()) {
      log.info("watching {} trust files for changes every {}", lastLook.size(), interval);
    }
  }

  @Override
  public void stop() {
    // Cancels the schedule; a look under way may finish its reload rather than be cut mid-file.
    schedule.stop(Duration.ofSeconds(5));
  }

  @Override
  public boolean isRunning() {
    return schedule.isRunning();
  }
}
