package io.telemetra.operator.apiworkload;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.pipeline.PipelineChild;
import io.telemetra.operator.pipeline.PipelineNames;

/**
 * Keeps at least one API pod through voluntary disruptions; exists only when more than one runs
 * (replicas, or the autoscaler's minReplicas, above 1).
 */
@KubernetesDependent(informer = @Informer(labelSelector = PipelineNames.MANAGED_SELECTOR))
public class ApiPodDisruptionBudgetDependent extends PipelineChild<PodDisruptionBudget> {

  public ApiPodDisruptionBudgetDependent() {
    super(PodDisruptionBudget.class);
  }

  @Override
  protected String childName(TelemetraPipeline pipeline) {
    return PipelineNames.api(pipeline);
  }

  @Override
  public PodDisruptionBudget desired(
      TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(PipelineNames.metadata(pipeline, PipelineNames.api(pipeline), "api"))
        .withNewSpec()
        .withMinAvailable(new IntOrString(1))
        .withNewSelector()
        .withMatchLabels(PipelineNames.selector(pipeline, "api"))
        .endSelector()
        .endSpec()
        .build();
  }

  /** Reconcile precondition: at least two API replicas at all times, and not suspended. */
  public static class SeveralReplicas implements Condition<PodDisruptionBudget, TelemetraPipeline> {
    @Override
    public boolean isMet(
        DependentResource<PodDisruptionBudget, TelemetraPipeline> dependent,
        TelemetraPipeline pipeline,
        Context<TelemetraPipeline> context) {
      return pipeline.getSpec().getApi().minimumReplicas() > 1
          && !Boolean.TRUE.equals(pipeline.getSpec().getSuspend());
    }
  }
}
