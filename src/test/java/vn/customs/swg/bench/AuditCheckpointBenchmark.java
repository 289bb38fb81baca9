package vn.customs.swg.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import vn.customs.swg.audit.ChainVerifier;
import vn.customs.swg.audit.ChainVerifier.TailCheck;
import vn.customs.swg.testsupport.AuditTrail;

/**
 * What a node's audit checkpoint costs before it signs: {@link ChainVerifier#verifyTail} over the
 * events since the last checkpoint, on an H2 file database as the gateway runs by default. The
 * chain grows in steps and each step's walk is timed; a walk that stays linear keeps the CPU time
 * per event flat down the table. The walk is paced (it pauses between pages as long as a page took),
 * so its wall time is about twice its CPU time. Run with bench/audit-checkpoint.sh.
 */
public final class AuditCheckpointBenchmark {

  private static final String NODE = "swg-node-1";

  public static void main(String[] args) throws IOException {
    int[] steps = Arrays.stream(args.length > 0 ? args[0].split(",") : new String[] {"5000", "10000", "20000"})
        .mapToInt(Integer::parseInt).toArray();
    Path dir = Files.createTempDirectory("swg-audit-bench");
    // DB_CLOSE_DELAY=-1 keeps the database open between connections, as the gateway's pool does.
    AuditTrail db = AuditTrail.at("jdbc:h2:file:" + dir.resolve("swg") + ";DB_CLOSE_DELAY=-1");
    ChainVerifier verifier = db.verifier();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.printf("%-10s %-8s %-12s %-12s %-14s%n", "messages", "events", "wall ms", "CPU ms", "CPU us/event");
    int messages = 0;
    for (int target : steps) {
      while (messages < target) {
        db.accepted(NODE, "VCB" + messages++); // RECEIVED, ACCEPTED, DISPATCHED: three events
      }
      long[] wall = new long[5];
      long[] cpu = new long[5];
      TailCheck check = null;
      for (int round = 0; round < wall.length; round++) {
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        check = verifier.verifyTail(NODE);
        cpu[round] = threads.getCurrentThreadCpuTime() - cpuStart;
        wall[round] = System.nanoTime() - start;
      }
      if (check.broken() != null) {
        throw new IllegalStateException("an honest chain must verify: " + check.broken());
      }
      Arrays.sort(wall);
      Arrays.sort(cpu);
      long cpuMedian = cpu[cpu.length / 2];
      System.out.printf("%-10d %-8d %-12.1f %-12.1f %-14.2f%n", messages, check.seq(), wall[wall.length / 2] / 1e6,
          cpuMedian / 1e6, cpuMedian / 1e3 / check.seq());
    }
  }
}
