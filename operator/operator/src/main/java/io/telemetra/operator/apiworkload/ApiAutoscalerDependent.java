package io.telemetra.operator.apiworkload;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.telemetra.operator.api.v1alpha1.ApiAutoscalingSpec;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.pipeline.PipelineChild;
import io.telemetra.operator.pipeline.PipelineNames;
import java.util.Optional;

/**
 * The API's HorizontalPodAutoscaler (autoscaling/v2, on CPU): exists only with spec.api.autoscaling
 * while the pipeline runs. The API Deployment then leaves its replica count to the autoscaler (see
 * {@link ApiDeploymentDependent}), so the two never fight over it.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PipelineNames.MANAGED_SELECTOR))
public class ApiAutoscalerDependent extends PipelineChild<HorizontalPodAutoscaler> {

  public ApiAutoscalerDependent() {
    super(HorizontalPodAutoscaler.class);
  }

  @Override
  protected String childName(TelemetraPipeline pipeline) {
    return PipelineNames.api(pipeline);
  }

  @Override
  public HorizontalPodAutoscaler desired(
      TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    // Also asked without autoscaling: the workflow names the object to delete from it.
    ApiAutoscalingSpec autoscaling =
        Optional.ofNullable(pipeline.getSpec().getApi().getAutoscaling())
            .orElseGet(ApiAutoscalingSpec::new);
    return new HorizontalPodAutoscalerBuilder()
        .withMetadata(PipelineNames.metadata(pipeline, PipelineNames.api(pipeline), "api"))
        .withNewSpec()
        .withNewScaleTargetRef("apps/v1", "Deployment", PipelineNames.api(pipeline))
        .withMinReplicas(autoscaling.getMinReplicas())
        .withMaxReplicas(autoscaling.getMaxReplicas())
        .addNewMetric()
        .withType("Resource")
        .withNewResource()
        .withName("cpu")
        .withNewTarget()
        .withType("Utilization")
        .withAverageUtilization(autoscaling.getTargetCPUUtilizationPercentage())
        .endTarget()
        .endResource()
        .endMetric()
        .endSpec()
        .build();
  }

  /** Reconcile precondition: spec.api.autoscaling is set and the pipeline is not suspended. */
  public static class Autoscaled implements Condition<HorizontalPodAutoscaler, TelemetraPipeline> {
    @Override
    public boolean isMet(
        DependentResource<HorizontalPodAutoscaler, TelemetraPipeline> dependent,
        TelemetraPipeline pipeline,
        Context<TelemetraPipeline> context) {
      return pipeline.getSpec().getApi().getAutoscaling() != null
          && !Boolean.TRUE.equals(pipeline.getSpec().getSuspend());
    }
  }
}
