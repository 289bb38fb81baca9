package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On an H2 file database only, keeps message bytes of up to {@value #IN_ROW_BYTES} bytes in their
 * row and leaves only larger ones to H2's LOB storage (V7_1). H2's own threshold is 256 bytes, so
 * every message went through the LOB storage: each BLOB parameter became a temporary LOB, copied to
 * the table and then queued for removal, and under load every statement's end offered that
 * removal to H2's single cleaner thread, which refused it with an exception (a stack trace of the
 * whole flow) while it was busy. That was 2 % of the gateway's CPU and 4.5 % of its allocation at
 * full load, and the store's steps took about a third more CPU than with the bytes in the row
 * (docs/performance.md, "Seventh session"). Messages near the size cap still go to the LOB
 * storage, so the rows stay small enough for V7_1's reason to hold: a row carries at most two values
 * of this size. The setting is H2's persistent {@code MAX_LENGTH_INPLACE_LOB}; an in-memory
 * database keeps everything in place already and is left alone, as is PostgreSQL (TOAST).
 */
public class V7_2__H2SmallMessageBytesInRow extends BaseJavaMigration {

  /** Larger than the usual signed envelope (5 to 15 kB), far below the 2 MB size cap. */
  static final int IN_ROW_BYTES = 32 * 1024;

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    if (!"H2".equals(connection.getMetaData().getDatabaseProductName())
        || connection.getMetaData().getURL().startsWith("jdbc:h2:mem:")) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("set max_length_inplace_lob " + IN_ROW_BYTES);
    }
  }
}
