package io.telemetra.operator.schema;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.external.PerResourcePollingDependentResource;
import io.javaoperatorsdk.operator.processing.event.source.ExternalResourceCachingEventSource;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.config.PollingSettings;
import io.telemetra.operator.pipeline.Connector;
import io.telemetra.operator.pipeline.LastConnections;
import io.telemetra.operator.pipeline.PipelineProblem;
import io.telemetra.operator.pipeline.PooledPolling;
import io.telemetra.operator.pipeline.ReferencedSecrets;
import java.util.Set;

/**
 * The Postgres schema, an external resource polled through Flyway (telemetra-schema's
 * SchemaMigrator): applies pending migrations with the credentials of the referenced Secret. Tables
 * are only ever dropped by the cleanup reconciler under deletionPolicy: Delete.
 */
public class SchemaMigrationDependent
    extends PerResourcePollingDependentResource<SchemaState, TelemetraPipeline, String>
    implements Creator<SchemaState, TelemetraPipeline>, Updater<SchemaState, TelemetraPipeline> {

  private KubernetesClient client;
  private final Connector<SchemaService> postgres;
  private final LastConnections<SchemaService> connections = new LastConnections<>();

  /** On the real Postgres. */
  public SchemaMigrationDependent() {
    this(SchemaDatabase.CONNECTOR);
  }

  /** On the Postgres {@code postgres} connects to (a fake in tests). */
  public SchemaMigrationDependent(Connector<SchemaService> postgres) {
    super(SchemaState.class, PollingSettings.postgres(), state -> "schema");
    this.postgres = postgres;
  }

  @Override
  protected ExternalResourceCachingEventSource<SchemaState, TelemetraPipeline, String>
      createEventSource(EventSourceContext<TelemetraPipeline> context) {
    client = context.getClient();
    return PooledPolling.eventSource(this, context);
  }

  @Override
  public Set<SchemaState> fetchResources(TelemetraPipeline pipeline) {
    try {
      return Set.of(
          connections
              .of(
                  pipeline,
                  () ->
                      postgres.connect(
                          client,
                          ReferencedSecrets.fetching(client, pipeline.getMetadata().getNamespace()),
                          pipeline))
              .observe());
    } catch (PipelineProblem problem) {
      return Set.of(SchemaState.unavailable(problem.reason(), problem.getMessage()));
    }
  }

  @Override
  protected SchemaState desired(TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    return SchemaState.seen(null, 0);
  }

  @Override
  public Matcher.Result<SchemaState> match(
      SchemaState actual, TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    connections.remember(pipeline, context, () -> database(pipeline, context));
    if (!actual.reachable()) {
      throw new PipelineProblem(actual.problem(), actual.message());
    }
    return Matcher.Result.computed(actual.pending() == 0 && actual.owned(), actual);
  }

  @Override
  public SchemaState create(
      SchemaState desired, TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    return database(pipeline, context).migrate();
  }

  @Override
  public SchemaState update(
      SchemaState actual,
      SchemaState desired,
      TelemetraPipeline pipeline,
      Context<TelemetraPipeline> context) {
    return database(pipeline, context).migrate();
  }

  private SchemaService database(TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    return postgres.connect(context.getClient(), ReferencedSecrets.of(pipeline, context), pipeline);
  }
}
