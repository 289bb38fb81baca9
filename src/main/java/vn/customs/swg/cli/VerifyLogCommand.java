package vn.customs.swg.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.customs.swg.audit.AuditReport;
import vn.customs.swg.audit.ChainVerifier;
import vn.customs.swg.audit.NodeChain;
import vn.customs.swg.trust.PemCertificates;

/**
 * {@code verify-log}, for operators: verifies the gateway's hash-chained audit log straight from
 * its database (docs/audit-log.md) and prints one line per node with its first broken link. Reads
 * only; never migrates or writes. An H2 file database is locked by a running gateway, so this is
 * for a stopped H2 node or a PostgreSQL database; a running node answers {@code /actuator/auditlog}.
 * Exit 0 when every chain is intact, 1 on a broken link, 2 on a usage or connection error. The
 * password is never printed, nor any part of the URL after its path.
 */
@Command(name = "verify-log", sortOptions = false,
    description = "Verify the gateway's audit log (hash chains and signed checkpoints) in its database.")
final class VerifyLogCommand implements Callable<Integer> {

  @ParentCommand
  PartnerCli cli;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--jdbc-url", required = true, paramLabel = "<url>",
      description = "The gateway's database: jdbc:postgresql://host/db, or jdbc:h2:file:<path> of a stopped node.")
  String jdbcUrl;

  @Option(names = "--user", paramLabel = "<user>", defaultValue = "${env:SWG_DB_USER}",
      description = "Database user; default: the environment variable SWG_DB_USER.")
  String user;

  // No ${DEFAULT-VALUE} in the description: that would print the password in the help.
  @Option(names = "--password", paramLabel = "<password>", defaultValue = "${env:SWG_DB_PASSWORD}",
      description = "Database password; default: the environment variable SWG_DB_PASSWORD"
          + " (preferred: a command line is visible to other users of the machine).")
  String password;

  @Option(names = "--gateway-certificate", required = true, paramLabel = "<cert.pem>",
      description = "Gateway signing certificate(s) whose checkpoint signatures are genuine, in PEM;"
          + " repeat for certificates of earlier keys.")
  List<Path> certificates;

  @Override
  public Integer call() {
    String url = readOnlyUrl(jdbcUrl);
    List<X509Certificate> signers = new ArrayList<>();
    for (Path file : certificates) {
      signers.add(PemCertificates.read(file, "--gateway-certificate").get(0));
    }
    DriverManagerDataSource database = new DriverManagerDataSource(url, user == null ? "" : user,
        password == null ? "" : password);
    database.setDriverClassName(url.startsWith("jdbc:h2:") ? "org.h2.Driver" : "org.postgresql.Driver");
    AuditReport report;
    try {
      report = new ChainVerifier(database, signers, cli.clock).verify();
    } catch (DataAccessException | TransactionException e) {
      String cause = NestedExceptionUtils.getMostSpecificCause(e).getMessage();
      cli.err.println("error: cannot read the audit log at " + printable(jdbcUrl) + ": " + cause);
      if (cause != null && cause.toLowerCase(Locale.ROOT).contains("locked")) {
        cli.err.println("a running gateway holds this H2 file: stop it, or ask the running node"
            + " (GET /actuator/auditlog on its management port)");
      }
      return PartnerCli.USAGE;
    }
    cli.out.println("audit log at " + printable(jdbcUrl));
    report.nodes().forEach(node -> cli.out.println(node.line()));
    long broken = report.nodes().stream().filter(node -> !node.intact()).count();
    long entries = report.nodes().stream().mapToLong(NodeChain::entriesChecked).sum();
    cli.out.println("verify-log: " + (report.intact() ? "intact, " : "BROKEN on " + broken + " of ")
        + report.nodes().size() + " node(s), " + entries + " entries checked");
    return report.intact() ? PartnerCli.OK : PartnerCli.FAILED;
  }

  /** Checks the URL names a database the gateway runs on, and stops H2 from creating a new empty one. */
  private static String readOnlyUrl(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return url;
    }
    if (!url.startsWith("jdbc:h2:")) {
      throw new IllegalArgumentException("--jdbc-url must be a jdbc:postgresql: or jdbc:h2: URL");
    }
    boolean inMemory = url.startsWith("jdbc:h2:mem:");
    return inMemory || url.toUpperCase(Locale.ROOT).contains(";IFEXISTS=") ? url : url + ";IFEXISTS=TRUE";
  }

  /** The URL without its parameters, where a password could be. */
  private static String printable(String url) {
    int end = url.length();
    for (char separator : new char[] {'?', ';'}) {
      int at = url.indexOf(separator);
      if (at >= 0) {
        end = Math.min(end, at);
      }
    }
    return url.substring(0, end);
  }
}
