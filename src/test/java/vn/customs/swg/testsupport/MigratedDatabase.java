package vn.customs.swg.testsupport;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** An H2 database with the gateway's Flyway migrations applied, as the store runs on. */
public final class MigratedDatabase {

  private MigratedDatabase() {}

  /** A fresh in-memory database of its own. */
  public static JdbcDataSource inMemory() {
    return at("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  /** The database at this URL (a file database survives a simulated restart), migrated. */
  public static JdbcDataSource at(String url) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(url);
    Flyway.configure().dataSource(h2).load().migrate();
    return h2;
  }
}
