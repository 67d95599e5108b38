package io.telemetra.operator.schema;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A pipeline's Postgres schema: what the operator asks of its database ({@link SchemaDatabase} is
 * the real one).
 */
public interface SchemaService {

  /**
   * Applied version, pending migrations, ownership and what the streaming job recorded; an
   * unreachable database is a state, not an exception.
   */
  SchemaState observe();

  /** Applies pending migrations and records this pipeline as the tables' owner. */
  SchemaState migrate();

  /**
   * Drops the tables if they are this pipeline's (deletionPolicy: Delete); else leaves them and
   * says why.
   */
  Optional<String> drop() throws SQLException, IOException;
}
