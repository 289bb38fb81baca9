package vn.customs.swg.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The fault of one reliability-suite row: a shell command (its own recovery included) started a
 * given time into the load, its output where the CLI's goes. Completes with its exit status.
 */
final class FaultCommand {

  private FaultCommand() {}

  static CompletableFuture<Integer> start(String command, Duration after) {
    if (command == null) {
      return CompletableFuture.completedFuture(0);
    }
    return CompletableFuture.supplyAsync(() -> {
      try {
        Thread.sleep(after.toMillis());
        // bench/reliability.sh keeps only the ROW line of the CLI's standard output.
        return new ProcessBuilder("bash", "-c", command).inheritIO().start().waitFor();
      } catch (IOException e) {
        throw new IllegalStateException("cannot run the fault command", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    });
  }
}
