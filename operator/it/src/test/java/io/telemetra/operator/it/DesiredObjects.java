package io.telemetra.operator.it;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.apiworkload.ApiAutoscalerDependent;
import io.telemetra.operator.apiworkload.ApiConfigMapDependent;
import io.telemetra.operator.apiworkload.ApiDeploymentDependent;
import io.telemetra.operator.apiworkload.ApiPodDisruptionBudgetDependent;
import io.telemetra.operator.apiworkload.ApiServiceDependent;
import io.telemetra.operator.producer.ProducerDeploymentDependent;
import io.telemetra.operator.streaming.StreamingApplicationDependent;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator's Kubernetes dependents send for a pipeline, before the server prunes anything.
 */
public final class DesiredObjects {

  private DesiredObjects() {}

  /**
   * The desired API ConfigMap, Deployment, Service, PodDisruptionBudget, SparkApplication and, when
   * enabled, the producer Deployment and the API's HorizontalPodAutoscaler.
   */
  public static List<HasMetadata> of(TelemetraPipeline pipeline) {
    List<HasMetadata> objects =
        new ArrayList<>(
            List.of(
                new ApiConfigMapDependent().desired(pipeline, null),
                new ApiDeploymentDependent().desired(pipeline, null),
                new ApiServiceDependent().desired(pipeline, null),
                new ApiPodDisruptionBudgetDependent().desired(pipeline, null),
                new StreamingApplicationDependent().desired(pipeline, null)));
    var producer = pipeline.getSpec().getProducer();
    if (producer != null && Boolean.TRUE.equals(producer.getEnabled())) {
      objects.add(new ProducerDeploymentDependent().desired(pipeline, null));
    }
    if (pipeline.getSpec().getApi().getAutoscaling() != null) {
      objects.add(new ApiAutoscalerDependent().desired(pipeline, null));
    }
    return objects;
  }
}
