package io.telemetra.operator.pipeline;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;

/**
 * Opens a pipeline's view of an external system (its Kafka topics, its Postgres schema) with the
 * credentials of the Secrets it references. The operator uses the real systems; tests give the
 * reconciler fakes through {@code ExternalSystems}.
 *
 * @param <T> what the view can do, e.g. {@code TopicsService} or {@code SchemaService}
 */
@FunctionalInterface
public interface Connector<T> {

  /** The view for {@code pipeline}; a {@link PipelineProblem} when its Secrets are unusable. */
  T connect(KubernetesClient client, ReferencedSecrets secrets, TelemetraPipeline pipeline);
}
