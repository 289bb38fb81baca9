package vn.customs.swg.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * For the gateway's operators rather than partners: turns an operator's password into the hash
 * {@code gateway.operators.<name>.password} takes ({@code {bcrypt}...}). The password is read
 * from the terminal without echo (or as one line from standard input when piped), never from the
 * command line, where it would stay in the shell history and the process list.
 */
@Command(name = "hash-password", sortOptions = false,
    description = "Hash an operator password for gateway.operators.<name>.password (read from the terminal).")
final class HashPasswordCommand implements Callable<Integer> {

  /** Shorter passwords are refused: the hash protects a guessable password poorly. */
  static final int MIN_LENGTH = 12;

  @ParentCommand
  PartnerCli cli;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Override
  public Integer call() throws IOException {
    char[] password = read();
    try {
      if (password == null || password.length < MIN_LENGTH) {
        cli.err.println("error: give a password of at least " + MIN_LENGTH + " characters");
        return PartnerCli.USAGE;
      }
      cli.out.println("{bcrypt}" + new BCryptPasswordEncoder().encode(java.nio.CharBuffer.wrap(password)));
      return PartnerCli.OK;
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
    }
  }

  private static char[] read() throws IOException {
    Console console = System.console();
    if (console != null) {
      return console.readPassword("operator password: ");
    }
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return line == null ? null : line.toCharArray();
  }
}
