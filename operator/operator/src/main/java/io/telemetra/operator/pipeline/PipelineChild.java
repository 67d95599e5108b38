package io.telemetra.operator.pipeline;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;

/**
 * A Kubernetes object a pipeline controls. Its owner reference says {@code controller: true} and
 * {@code blockOwnerDeletion: true}, as a Deployment's reference on its ReplicaSets does: {@code
 * kubectl describe} and tools such as Argo CD show the pipeline as its manager, another controller
 * cannot claim it, and a foreground deletion of the pipeline waits for it.
 */
public abstract class PipelineChild<R extends HasMetadata>
    extends CRUDKubernetesDependentResource<R, TelemetraPipeline> {

  protected PipelineChild(Class<R> type) {
    super(type);
  }

  /** The child's name, a function of the pipeline's alone. */
  protected abstract String childName(TelemetraPipeline pipeline);

  /**
   * The child in the informer's cache is found by its name; JOSDK's default builds the whole
   * desired object for it, i.e. twice per reconcile.
   */
  @Override
  protected ResourceID targetSecondaryResourceID(
      TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    return new ResourceID(childName(pipeline), pipeline.getMetadata().getNamespace());
  }

  @Override
  protected void addReferenceHandlingMetadata(R desired, TelemetraPipeline pipeline) {
    super.addReferenceHandlingMetadata(desired, pipeline);
    desired
        .getOwnerReferenceFor(pipeline)
        .ifPresent(
            reference -> {
              reference.setController(true);
              reference.setBlockOwnerDeletion(true);
            });
  }
}
