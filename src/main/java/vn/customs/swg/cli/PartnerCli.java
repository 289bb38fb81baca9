package vn.customs.swg.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The partner developer's command-line client, in the gateway's own jar: {@code sign} an
 * envelope with the sender profile, {@code verify} the sender and gateway signatures of any
 * envelope or receipt, {@code send} an envelope and check the receipt, {@code inbox} fetch and
 * acknowledge a PULL partner's messages, {@code serve} receive pushed messages as a partner
 * endpoint that answers with signed receipts, {@code bench} load-test a gateway; and for the gateway's own operators
 * {@code hash-password}, the hash of an operator password for {@code gateway.operators}, and
 * {@code verify-log}, the gateway's audit log in its database. Exit codes: 0 success, 1 a
 * signature that does not verify, a message the gateway did not accept or a broken audit log,
 * 2 a usage, input or I/O error. Results go to standard output, errors to standard error; neither ever carries a
 * private key or a password. {@link #run} never calls {@link System#exit}: the caller does.
 */
@Command(name = "java -jar single-window-gateway.jar",
    description = "Partner client of the Single Window Gateway: sign, verify and send envelopes;"
        + " fetch the pull inbox; receive pushed messages; load-test. For operators: hash a password, verify the audit log.",
    synopsisSubcommandLabel = "(sign | verify | send | inbox | serve | bench | hash-password | verify-log | help)",
    subcommands = {SignCommand.class, VerifyCommand.class, SendCommand.class, InboxCommand.class,
        ServeCommand.class, BenchCommand.class, FaultLoadCommand.class, PushFaultLoadCommand.class, HashPasswordCommand.class, VerifyLogCommand.class, HelpCommand.class})
public final class PartnerCli implements Callable<Integer> {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  // Santuario logs every failed digest through java.util.logging; the CLI prints its own verdict.
  // Held here because java.util.logging keeps loggers only weakly.
  private static final Logger SANTUARIO_LOG = Logger.getLogger("org.apache.xml.security");

  final PrintStream out;
  final PrintStream err;
  final Clock clock;

  @Spec
  CommandSpec spec;

  PartnerCli(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  /** Whether {@code word} (the first command-line argument) is a command of this CLI. */
  public static boolean handles(String word) {
    return "--help".equals(word)
        || new CommandLine(new PartnerCli(System.out, System.err, Clock.systemUTC())).getSubcommands().containsKey(word);
  }

  /** Runs one command with {@code args} and returns its exit code. */
  public static int run(String... args) {
    return run(System.out, System.err, Clock.systemUTC(), args);
  }

  static int run(PrintStream out, PrintStream err, Clock clock, String... args) {
    SANTUARIO_LOG.setLevel(Level.SEVERE);
    CommandLine commandLine = new CommandLine(new PartnerCli(out, err, clock));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setExecutionExceptionHandler((e, command, parseResult) -> {
      err.println("error: " + describe(e));
      return USAGE;
    });
    try {
      return commandLine.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** No command given: say which ones there are. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return USAGE;
  }

  // Our exceptions' messages are written for the user: they name files and rules, never key
  // material. File system exceptions carry only a path, so their type is added.
  private static String describe(Exception e) {
    String message = e.getMessage() == null || e.getMessage().isBlank() ? null : e.getMessage();
    if (e instanceof NoSuchFileException) {
      return "no such file: " + message;
    }
    if (message == null || e instanceof FileSystemException) {
      return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
    return message;
  }
}
