package vn.customs.swg.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import vn.customs.swg.BackgroundTasks;
import vn.customs.swg.config.GatewayProperties;
import vn.customs.swg.store.MessageStore;

/**
 * Finishes what a dead node left between recording a message ACCEPTED and recording it DISPATCHED:
 * every {@code gateway.dispatch.sweep-interval}, accepted inbound messages untouched for longer than
 * {@code gateway.dispatch.grace} are claimed (one node each, through the store) and handed to
 * {@link DispatchRecovery}. Runs on every node: the node that died may never come back. A message
 * the sweep cannot finish now (broker or database down) stays ACCEPTED and is claimed again one
 * grace period later.
 */
@Component
public class DispatchSweeper implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DispatchSweeper.class);

  private final MessageStore store;
  private final DispatchRecovery recovery;
  private final Clock clock;
  private final GatewayProperties.Dispatch settings;
  private final BackgroundTasks.Repeating schedule;
  private volatile boolean stopping;

  public DispatchSweeper(MessageStore store, DispatchRecovery recovery, Clock clock, GatewayProperties properties) {
    this.store = store;
    this.recovery = recovery;
    this.clock = clock;
    this.settings = properties.dispatch();
    this.schedule = new BackgroundTasks.Repeating("swg-dispatch-sweeper", settings.sweepInterval(), this::sweepNow,
        log, "dispatch sweep failed");
  }

  /** One sweep. @return how many messages it put on their queue */
  public int sweepNow() {
    int dispatched = 0;
    for (MessageStore.Undispatched found
        : store.claimUndispatched(OffsetDateTime.now(clock).minus(settings.grace()), settings.batchSize())) {
      if (stopping) {
        break;
      }
      try {
        if (recovery.recover(found.message(), found.forwardedBytes()) == DispatchRecovery.Outcome.DISPATCHED) {
          dispatched++;
        }
      } catch (RuntimeException e) {
        // Stays ACCEPTED and claimed: taken again after the grace period.
        log.warn("could not dispatch message #{} from the store: {}", found.message().id(), e.toString());
      }
    }
    return dispatched;
  }

  @Override
  public void start() {
    if (!settings.sweep()) {
      log.info("dispatch sweep is off on this node (gateway.dispatch.sweep)");
      return;
    }
    stopping = false;
    schedule.start();
  }

  @Override
  public void stop() {
    stopping = true;
    schedule.stop(Duration.ofSeconds(10));
  }

  @Override
  public boolean isRunning() {
    return schedule.isRunning();
  }
}
