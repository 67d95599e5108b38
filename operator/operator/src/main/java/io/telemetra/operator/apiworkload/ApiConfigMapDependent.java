package io.telemetra.operator.apiworkload;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.pipeline.PipelineChild;
import io.telemetra.operator.pipeline.PipelineNames;
import io.telemetra.operator.pipeline.WorkloadEnvironment;

/** The API's non-secret settings (docs/configuration.md variables), read with envFrom. */
@KubernetesDependent(informer = @Informer(labelSelector = PipelineNames.MANAGED_SELECTOR))
public class ApiConfigMapDependent extends PipelineChild<ConfigMap> {

  public ApiConfigMapDependent() {
    super(ConfigMap.class);
  }

  @Override
  protected String childName(TelemetraPipeline pipeline) {
    return PipelineNames.api(pipeline);
  }

  @Override
  public ConfigMap desired(TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    return new ConfigMapBuilder()
        .withMetadata(PipelineNames.metadata(pipeline, PipelineNames.api(pipeline), "api"))
        .withData(WorkloadEnvironment.api(pipeline.getSpec()))
        .build();
  }
}
