package vn.customs.swg.trust.material;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.customs.swg.config.ConfigurationException;
import vn.customs.swg.partner.PartnerRegistry;

/**
 * The partner registry in force, replaceable at run time. It decides when new trust material
 * takes over: only when the whole registry loaded (every PEM file read, every entry consistent);
 * otherwise the material in force stays, the sentence is logged at ERROR and kept as the last
 * failure until a reload succeeds. The first load happens in the constructor and fails start-up
 * like any configuration error. Reloads are serialised; {@link #current()} never blocks.
 */
public final class PartnerDirectory {

  private static final Logger log = LoggerFactory.getLogger(PartnerDirectory.class);

  /** The registry in force and when it was loaded. */
  private record Generation(PartnerRegistry registry, Instant loadedAt, String trigger) {}

  /**
   * Where the directory stands.
   *
   * @param loadedAt when the registry in force was loaded
   * @param loadedBy the trigger of that load ("start-up", "files changed: ...", ...)
   * @param lastFailure the last reload that failed since then, or null
   * @param partners how many partners the registry in force holds
   */
  public record Status(Instant loadedAt, String loadedBy, Failure lastFailure, int partners) {}

  /**
   * A reload that failed; the registry loaded before it stayed in force.
   *
   * @param at when it failed
   * @param trigger why it ran
   * @param message the sentence naming the key or file to fix
   */
  public record Failure(Instant at, String trigger, String message) {}

  private final Supplier<PartnerRegistry> loader;
  private final Clock clock;
  private final AtomicReference<Generation> current = new AtomicReference<>();
  private final AtomicReference<Failure> lastFailure = new AtomicReference<>();
  private final List<Runnable> reloadListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<ReloadOutcome>> outcomeListeners = new CopyOnWriteArrayList<>();

  /**
   * @param loader builds a registry from the files as they are now, throwing (normally a
   *     {@link ConfigurationException}) on anything broken
   * @throws ConfigurationException when the first load fails: start-up stops
   */
  public PartnerDirectory(Supplier<PartnerRegistry> loader, Clock clock) {
    this.loader = loader;
    this.clock = clock;
    PartnerRegistry first = loader.get();
    current.set(new Generation(first, clock.instant(), "start-up"));
    log.info("trust material loaded at start-up: {} partners", first.all().size());
  }

  /** The registry in force. Read it once per message and keep using that one for the message. */
  public PartnerRegistry current() {
    return current.get().registry();
  }

  /** Runs after every successful reload, once the new registry is in force (e.g. clear caches). */
  public void onReload(Runnable listener) {
    reloadListeners.add(listener);
  }

  /** Runs after every reload attempt, successful or not (e.g. count it). */
  public void onOutcome(Consumer<ReloadOutcome> listener) {
    outcomeListeners.add(listener);
  }

  /**
   * Loads the trust material again and puts it in force if it loaded completely; otherwise keeps
   * the material in force and remembers the failure.
   *
   * @param trigger why: "files changed: ...", "operator request", ...; logged and reported
   */
  public synchronized ReloadOutcome reload(String trigger) {
    Generation before = current.get();
    PartnerRegistry next;
    try {
      next = loader.get();
    } catch (RuntimeException e) {
      return failed(trigger, before, e);
    }
    Instant now = clock.instant();
    current.set(new Generation(next, now, trigger));
    lastFailure.set(null);
    TrustChanges changes = TrustChanges.between(before.registry(), next);
    log.info("trust material reloaded ({}): {}", trigger, changes);
    for (Runnable listener : reloadListeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        log.error("a listener failed after the trust material reload ({}): {}", trigger, e.toString(), e);
      }
    }
    return tell(ReloadOutcome.success(now, trigger, changes));
  }

  private ReloadOutcome failed(String trigger, Generation kept, RuntimeException e) {
    String sentence = e instanceof ConfigurationException ? e.getMessage()
        : "unexpected " + e.getClass().getSimpleName() + " while loading trust material: " + e.getMessage();
    Instant now = clock.instant();
    lastFailure.set(new Failure(now, trigger, sentence));
    if (e instanceof ConfigurationException) {
      log.error("trust material reload ({}) failed, keeping the material loaded at {}: {}", trigger,
          kept.loadedAt(), sentence);
      log.debug("trust material reload failure", e);
    } else {
      log.error("trust material reload ({}) failed, keeping the material loaded at {}: {}", trigger,
          kept.loadedAt(), sentence, e);
    }
    return tell(ReloadOutcome.failure(now, trigger, sentence));
  }

  private ReloadOutcome tell(ReloadOutcome outcome) {
    for (Consumer<ReloadOutcome> listener : outcomeListeners) {
      try {
        listener.accept(outcome);
      } catch (RuntimeException e) {
        log.warn("a reload-outcome listener failed: {}", e.toString(), e);
      }
    }
    return outcome;
  }

  public Status status() {
    Generation generation = current.get();
    return new Status(generation.loadedAt(), generation.trigger(), lastFailure.get(),
        generation.registry().all().size());
  }
}
