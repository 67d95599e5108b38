package io.telemetra.operator.schema;

import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.pipeline.PipelineNames;
import io.telemetra.operator.pipeline.PipelineProblem;
import io.telemetra.operator.status.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which pipeline owns a database's Telemetra tables: the row of {@code telemetra_owner} (migration
 * V6), keyed by the pipeline's namespace/name so that a pipeline deleted with Retain and applied
 * again finds its own tables. A pipeline may use a database that holds no Telemetra tables, or
 * whose tables it owns; tables nobody owns (the local runner's, compose's, or a Telemetra's from
 * before owners) it takes over if it used them before or is annotated {@link
 * TelemetraPipeline#ADOPT_ANNOTATION}; tables of a pipeline that no longer exists only with that
 * annotation; tables of another existing pipeline never.
 */
final class TableOwnership {

  private static final String OWNER = "SELECT owner FROM telemetra_owner";

  private static final String CLAIM =
      "INSERT INTO telemetra_owner (owner, owner_uid) VALUES (?, ?) ON CONFLICT (singleton)"
          + " DO UPDATE SET owner_uid = EXCLUDED.owner_uid, claimed_at = now()"
          + " WHERE telemetra_owner.owner = EXCLUDED.owner";

  private final String owner;
  private final String uid;
  private final boolean mayAdoptUnowned;
  private final boolean mayAdoptOrphaned;
  private final Predicate<String> pipelineExists;
  private final String database;

  private TableOwnership(
      String owner,
      String uid,
      boolean mayAdoptUnowned,
      boolean mayAdoptOrphaned,
      Predicate<String> pipelineExists,
      String database) {
    this.owner = owner;
    this.uid = uid;
    this.mayAdoptUnowned = mayAdoptUnowned;
    this.mayAdoptOrphaned = mayAdoptOrphaned;
    this.pipelineExists = pipelineExists;
    this.database = database;
  }

  /**
   * Ownership rules for {@code pipeline}; {@code pipelineExists} tells whether a namespace/name
   * still names a TelemetraPipeline.
   */
  static TableOwnership of(
      TelemetraPipeline pipeline, Predicate<String> pipelineExists, String database) {
    boolean annotated = PipelineNames.adoptsUnownedData(pipeline);
    boolean usedBefore =
        pipeline.getStatus() != null
            && pipeline.getStatus().getSchema() != null
            && pipeline.getStatus().getSchema().getVersion() != null;
    return new TableOwnership(
        PipelineNames.owner(pipeline),
        pipeline.getMetadata().getUid(),
        annotated || usedBefore,
        annotated,
        pipelineExists,
        database);
  }

  /** The owner recorded in the database, if any. */
  static Optional<String> recorded(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(OWNER);
        ResultSet row = s.executeQuery()) {
      return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) { // undefined_table: migrations before V6
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Whether the tables are this pipeline's already. */
  boolean owned(Connection c) throws SQLException {
    return recorded(c).map(owner::equals).orElse(false);
  }

  /** Why this pipeline must not use the tables, or empty when it may. */
  Optional<PipelineProblem> conflict(Connection c) throws SQLException {
    Optional<String> current = recorded(c);
    if (current.isEmpty()) {
      if (mayAdoptUnowned || !hasTelemetraTables(c)) {
        return Optional.empty();
      }
      return Optional.of(
          conflict(
              database
                  + " already holds Telemetra tables that no pipeline owns (written by the local"
                  + " runner, compose or an older Telemetra); to take them over, annotate the"
                  + " pipeline "
                  + TelemetraPipeline.ADOPT_ANNOTATION
                  + "=true"));
    }
    String other = current.get();
    if (other.equals(owner)) {
      return Optional.empty();
    }
    if (pipelineExists.test(other)) {
      return Optional.of(conflict(belongTo(other) + "; give this pipeline a database of its own"));
    }
    if (mayAdoptOrphaned) {
      return Optional.empty();
    }
    return Optional.of(
        conflict(
            belongTo(other)
                + ", which no longer exists (deleted with deletionPolicy Retain); to take them over,"
                + " annotate the pipeline "
                + TelemetraPipeline.ADOPT_ANNOTATION
                + "=true"));
  }

  /**
   * Records this pipeline as the owner unless another one is recorded: a pipeline that may adopt
   * orphaned tables replaces a gone owner. Fails with ResourceConflict when another pipeline won.
   */
  void claim(Connection c) throws SQLException {
    Optional<String> current = recorded(c);
    if (current.isPresent()
        && !current.get().equals(owner)
        && mayAdoptOrphaned
        && !pipelineExists.test(current.get())) {
      try (PreparedStatement s =
          c.prepareStatement("DELETE FROM telemetra_owner WHERE owner = ?")) {
        s.setString(1, current.get());
        s.executeUpdate();
      }
    }
    try (PreparedStatement s = c.prepareStatement(CLAIM)) {
      s.setString(1, owner);
      s.setString(2, uid);
      s.executeUpdate();
    }
    if (!owned(c)) {
      throw conflict(belongTo(recorded(c).orElse("?")));
    }
  }

  private String belongTo(String other) {
    return "the tables in " + database + " belong to pipeline " + other;
  }

  private static boolean hasTelemetraTables(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement("SELECT to_regclass('flyway_schema_history') IS NOT NULL");
        ResultSet row = s.executeQuery()) {
      return row.next() && row.getBoolean(1);
    }
  }

  private static PipelineProblem conflict(String message) {
    return new PipelineProblem(Reason.ResourceConflict, message);
  }
}
