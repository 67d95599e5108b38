package io.telemetra.operator.dependent;

import io.telemetra.operator.status.Reason;

/**
 * The pipeline's Postgres schema as last seen: applied version, pending migrations, and the
 * checkpoint resets the streaming job recorded in it.
 */
public record SchemaState(
    Reason problem, String message, String version, int pending, CheckpointResets resets) {

  public static SchemaState seen(String version, int pending) {
    return seen(version, pending, CheckpointResets.NONE);
  }

  public static SchemaState seen(String version, int pending, CheckpointResets resets) {
    return new SchemaState(null, null, version, pending, resets);
  }

  public static SchemaState unavailable(Reason problem, String message) {
    return new SchemaState(problem, message, null, -1, CheckpointResets.NONE);
  }

  public boolean reachable() {
    return problem == null;
  }
}
