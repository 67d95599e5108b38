package io.telemetra.operator.dependent;

import io.telemetra.operator.status.Reason;

/** The pipeline's Postgres schema as last seen: applied version and pending migrations. */
public record SchemaState(Reason problem, String message, String version, int pending) {

  public static SchemaState seen(String version, int pending) {
    return new SchemaState(null, null, version, pending);
  }

  public static SchemaState unavailable(Reason problem, String message) {
    return new SchemaState(problem, message, null, -1);
  }

  public boolean reachable() {
    return problem == null;
  }
}
