package io.telemetra.operator;

import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.dependent.DependentResourceSpec;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResourceFactory;
import io.telemetra.operator.pipeline.Connector;
import io.telemetra.operator.pipeline.Probes;
import io.telemetra.operator.schema.SchemaDatabase;
import io.telemetra.operator.schema.SchemaMigrationDependent;
import io.telemetra.operator.schema.SchemaService;
import io.telemetra.operator.topics.KafkaTopics;
import io.telemetra.operator.topics.KafkaTopicsDependent;
import io.telemetra.operator.topics.TopicsService;

/**
 * The systems outside Kubernetes a pipeline uses, behind small interfaces: its Kafka topics and its
 * Postgres schema. The operator runs on the {@link #REAL} ones; a test hands the reconcilers fakes
 * (as Flink's operator tests do with a {@code FlinkService}) and checks the status and events
 * without a broker or a database.
 */
public record ExternalSystems(Connector<TopicsService> kafka, Connector<SchemaService> postgres) {

  public static final ExternalSystems REAL =
      new ExternalSystems(KafkaTopics.CONNECTOR, SchemaDatabase.CONNECTOR);

  /**
   * JOSDK's factory of the workflow's dependents, building the two external ones on these systems,
   * each poll told to {@code probes} (JOSDK would build them with their no-argument constructors,
   * i.e. on the real ones, untold).
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  DependentResourceFactory<ControllerConfiguration<?>, DependentResourceSpec<?, ?, ?>> dependents(
      Probes probes) {
    return new DependentResourceFactory<>() {
      @Override
      public DependentResource createFrom(
          DependentResourceSpec<?, ?, ?> spec, ControllerConfiguration<?> configuration) {
        Class<?> type = spec.getDependentResourceClass();
        DependentResource dependent;
        if (type == KafkaTopicsDependent.class) {
          dependent = new KafkaTopicsDependent(kafka, probes);
        } else if (type == SchemaMigrationDependent.class) {
          dependent = new SchemaMigrationDependent(postgres, probes);
        } else {
          return DependentResourceFactory.super.createFrom(spec, configuration);
        }
        configure(dependent, spec, configuration);
        return dependent;
      }
    };
  }
}
