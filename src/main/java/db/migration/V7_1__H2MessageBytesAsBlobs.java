package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2 only, keeps a message's bytes out of its row: {@code bytea} is H2's VARBINARY, stored
 * inline, so every row of swg_message carried up to two 2 MB values and every update of a row (a
 * state change) rewrote its whole page; the embedded store then needed write buffers of 36 to
 * 80 MB of contiguous heap and closed the database when one could not be had (docs/performance.md,
 * "Memory at the size cap"). As BLOBs, H2 keeps the bytes in its LOB storage in small blocks and
 * the row holds a reference. The JDBC the gateway uses (byte[] in and out, is null) reads the same.
 * PostgreSQL keeps {@code bytea}, which it already stores out of line (TOAST): nothing to do there.
 * A Java migration so that every way the schema is migrated (the gateway's start-up, the tests'
 * MigratedDatabase) sees it in the one default location.
 */
public class V7_1__H2MessageBytesAsBlobs extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("alter table swg_message alter column original_bytes set data type blob");
      statement.execute("alter table swg_message alter column signed_bytes set data type blob");
    }
  }
}
