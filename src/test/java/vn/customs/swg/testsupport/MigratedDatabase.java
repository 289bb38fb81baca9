package vn.customs.swg.testsupport;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A database with the gateway's Flyway migrations applied, as the store runs on. Which engine is
 * the system property {@value #ENGINE_PROPERTY}: H2 by default, {@code postgresql} for a real
 * PostgreSQL server ({@link TestPostgres}). The build runs the store suite once on each, with the
 * same tests; a test that needs one engine's SQL does not belong in it.
 */
public final class MigratedDatabase {

  /** {@code h2} (default) or {@code postgresql}. */
  public static final String ENGINE_PROPERTY = "swg.test.database";

  // Migrated once per JVM; every database handed out on PostgreSQL is a copy of it.
  private static final String POSTGRES_TEMPLATE = "swg_migrated";
  private static boolean templateMigrated;

  private MigratedDatabase() {}

  /** True when this JVM's store tests run on PostgreSQL. */
  private static boolean onPostgresql() {
    String engine = System.getProperty(ENGINE_PROPERTY, "h2");
    return switch (engine) {
      case "h2" -> false;
      case "postgresql" -> true;
      default -> throw new IllegalStateException(ENGINE_PROPERTY + " must be h2 or postgresql, got: " + engine);
    };
  }

  /** A fresh database of its own: in memory on H2, a new database on the PostgreSQL server. */
  public static DataSource inMemory() {
    if (onPostgresql()) {
      String name = "swg_" + UUID.randomUUID().toString().replace("-", "");
      TestPostgres.createIfAbsent(name, migratedTemplate());
      return TestPostgres.pool(name);
    }
    return at("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  /**
   * The database at this H2 URL, migrated (again, as a gateway node migrates at start-up). A file
   * URL survives a simulated restart; on PostgreSQL the URL names one database on the server, so
   * a second call with the same URL reopens the same database, as a restarted node would.
   */
  public static DataSource at(String url) {
    DataSource dataSource;
    if (onPostgresql()) {
      String name = "swg_" + HexFormat.of().formatHex(sha256(url), 0, 12);
      TestPostgres.createIfAbsent(name, migratedTemplate());
      dataSource = TestPostgres.pool(name);
    } else {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(url);
      dataSource = h2;
    }
    Flyway.configure().dataSource(dataSource).load().migrate();
    return dataSource;
  }

  /**
   * A gateway node stops: H2 closes the database (a file database is written out); on PostgreSQL
   * the node's connection pool closes and the data stays on the server, as when a node restarts.
   */
  public static void shutdown(DataSource dataSource) {
    if (dataSource instanceof HikariDataSource pool) {
      pool.close();
      return;
    }
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("shutdown");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot shut the test database down", e);
    }
  }

  private static synchronized String migratedTemplate() {
    if (!templateMigrated) {
      TestPostgres.createDatabase(POSTGRES_TEMPLATE);
      Flyway.configure().dataSource(TestPostgres.dataSource(POSTGRES_TEMPLATE)).load().migrate();
      templateMigrated = true;
    }
    return POSTGRES_TEMPLATE;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
