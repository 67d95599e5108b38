package io.telemetra.operator.schema;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.config.PollingSettings;
import io.telemetra.operator.pipeline.Connector;
import io.telemetra.operator.pipeline.ExternalDependent;
import io.telemetra.operator.pipeline.PipelineProblem;
import io.telemetra.operator.pipeline.Probes;

/**
 * The Postgres schema, an external resource polled through Flyway (telemetra-schema's
 * SchemaMigrator): applies pending migrations with the credentials of the referenced Secret. Tables
 * are only ever dropped by the cleanup reconciler under deletionPolicy: Delete.
 */
public class SchemaMigrationDependent extends ExternalDependent<SchemaState, SchemaService> {

  /** On the real Postgres. */
  public SchemaMigrationDependent() {
    this(SchemaDatabase.CONNECTOR, Probes.NONE);
  }

  /**
   * On the Postgres {@code postgres} connects to (a fake in tests), each poll told to {@code
   * probes}.
   */
  public SchemaMigrationDependent(Connector<SchemaService> postgres, Probes probes) {
    super(SchemaState.class, PollingSettings.postgres(), "schema", postgres, probes);
  }

  @Override
  protected SchemaState observe(SchemaService schema) {
    return schema.observe();
  }

  @Override
  protected SchemaState unavailable(PipelineProblem problem) {
    return SchemaState.unavailable(problem.reason(), problem.getMessage());
  }

  @Override
  protected SchemaState desired(TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    return SchemaState.seen(null, 0);
  }

  @Override
  protected Matcher.Result<SchemaState> matchReachable(
      SchemaState actual, TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    return Matcher.Result.computed(actual.pending() == 0 && actual.owned(), actual);
  }

  @Override
  protected SchemaState provision(
      SchemaService schema, TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    return schema.migrate();
  }
}
