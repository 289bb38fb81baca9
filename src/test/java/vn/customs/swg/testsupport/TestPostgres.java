package vn.customs.swg.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server for tests: one per test JVM, started on first use from the binaries
 * that io.zonky.test ships on Maven Central (PostgreSQL 17, linux-amd64), listening on
 * 127.0.0.1 only, and stopped by zonky's shutdown hook when the JVM exits, data directory and all.
 * Every caller gets databases of its own on it, so tests never see each other's rows.
 *
 * <p>PostgreSQL refuses to run as root. Run as root (CI, the build machines), zonky starts
 * initdb and postgres through {@code unshare -U} (util-linux), as the unprivileged user of a user
 * namespace; that needs user namespaces to be allowed, which start-up failures point out.
 */
public final class TestPostgres {

  /** The superuser initdb creates; the server trusts local connections, so no password. */
  public static final String USER = "postgres";

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /** The JDBC URL of the named database on the test server (which this starts if need be). */
  public static String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/" + checked(database);
  }

  /** The named database on the test server, one new connection per call (no pool to leak). */
  public static DataSource dataSource(String database) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url(database));
    dataSource.setUser(USER);
    return dataSource;
  }

  /**
   * A connection pool on the named database, as a gateway node has (opening a PostgreSQL
   * connection starts a server process: far too slow to do per statement). Idle connections are
   * closed after ten seconds, so the pools of finished tests do not hold the server's connections.
   */
  public static HikariDataSource pool(String database) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(dataSource(database));
    config.setPoolName("test-" + database);
    config.setMaximumPoolSize(10);
    config.setMinimumIdle(0);
    config.setIdleTimeout(10_000);
    return new HikariDataSource(config);
  }

  /** A new empty database with a random name: its name. */
  public static String createDatabase() {
    return createDatabase("swg_" + UUID.randomUUID().toString().replace("-", ""));
  }

  /** A new empty database with this name: its name. */
  public static String createDatabase(String name) {
    execute("create database " + checked(name));
    return name;
  }

  /** Creates the database as a copy of {@code template} unless it exists. */
  public static synchronized void createIfAbsent(String database, String template) {
    if (!exists(database)) {
      // PostgreSQL copies the template's files: far cheaper than migrating again (about 60 ms
      // against 300 ms), and the copy is exactly what the migrations left in the template.
      execute("create database " + checked(database) + " template " + checked(template));
    }
  }

  private static boolean exists(String database) {
    try (Connection c = dataSource("postgres").getConnection();
        PreparedStatement s = c.prepareStatement("select 1 from pg_database where datname = ?")) {
      s.setString(1, checked(database));
      try (ResultSet rows = s.executeQuery()) {
        return rows.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot look up database " + database, e);
    }
  }

  private static void execute(String sql) {
    try (Connection c = dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test PostgreSQL refused: " + sql, e);
    }
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      server = start();
    }
    return server;
  }

  private static EmbeddedPostgres start() {
    Path log = logFile();
    try {
      return EmbeddedPostgres.builder()
          .setServerConfig("listen_addresses", "127.0.0.1")
          // A throw-away cluster: durability against power loss buys nothing and costs seconds.
          .setServerConfig("fsync", "off")
          .setServerConfig("full_page_writes", "off")
          // initdb's and the server's own output go to a file: read it when start-up fails.
          .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot start the embedded PostgreSQL server (its output is in " + log
          + "; as root it runs through 'unshare -U', which needs util-linux and user namespaces)", e);
    }
  }

  private static Path logFile() {
    String buildDir = System.getenv("SWG_BUILD_DIR");
    File dir = new File(buildDir != null ? buildDir : System.getProperty("java.io.tmpdir"), "postgresql");
    try {
      Files.createDirectories(dir.toPath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir.toPath().resolve("server-" + ProcessHandle.current().pid() + ".log");
  }

  private static String checked(String database) {
    if (!NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("not a plain database name: " + database);
    }
    return database;
  }
}
