package io.telemetra.operator.producer;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.pipeline.PipelineChild;
import io.telemetra.operator.pipeline.PipelineNames;
import io.telemetra.operator.pipeline.PodSecurity;
import io.telemetra.operator.pipeline.ReferencedSecrets;
import io.telemetra.operator.pipeline.WorkloadEnvironment;
import io.telemetra.operator.pipeline.WorkloadTemplates;

/** The optional demo event producer: one pod writing synthetic events to the pipeline's topics. */
@KubernetesDependent(informer = @Informer(labelSelector = PipelineNames.MANAGED_SELECTOR))
public class ProducerDeploymentDependent extends PipelineChild<Deployment> {

  public ProducerDeploymentDependent() {
    super(Deployment.class);
  }

  @Override
  protected String childName(TelemetraPipeline pipeline) {
    return PipelineNames.producer(pipeline);
  }

  @Override
  public Deployment desired(TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    var spec = pipeline.getSpec();
    boolean suspended = Boolean.TRUE.equals(spec.getSuspend());
    Deployment deployment =
        new DeploymentBuilder()
            .withMetadata(
                PipelineNames.metadata(pipeline, PipelineNames.producer(pipeline), "producer"))
            .withNewSpec()
            .withReplicas(suspended ? 0 : 1)
            .withNewSelector()
            .withMatchLabels(PipelineNames.selector(pipeline, "producer"))
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(PipelineNames.labels(pipeline, "producer"))
            .withAnnotations(
                ReferencedSecrets.podAnnotations(context, WorkloadEnvironment.sharedSecrets(spec)))
            .endMetadata()
            .withNewSpec()
            .withAutomountServiceAccountToken(false)
            .withSecurityContext(PodSecurity.pod())
            .addNewContainer()
            .withName("producer")
            .withImage(spec.getProducer().getImage())
            .withEnv(WorkloadEnvironment.values(WorkloadEnvironment.producer(spec)))
            .addAllToEnv(WorkloadEnvironment.sharedSecrets(spec))
            .withNewResources()
            .addToRequests("cpu", new Quantity("100m"))
            .addToRequests("memory", new Quantity("256Mi"))
            .addToLimits("memory", new Quantity("512Mi"))
            .endResources()
            .withSecurityContext(PodSecurity.container())
            .addToVolumeMounts(PodSecurity.tmpMount())
            .endContainer()
            .addToVolumes(PodSecurity.tmpVolume())
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    var template = deployment.getSpec().getTemplate();
    deployment
        .getSpec()
        .setTemplate(
            WorkloadTemplates.withTemplate(template, "producer", spec.getProducer().getTemplate()));
    return deployment;
  }

  /** Reconcile precondition: spec.producer.enabled. */
  public static class Enabled implements Condition<Deployment, TelemetraPipeline> {
    @Override
    public boolean isMet(
        DependentResource<Deployment, TelemetraPipeline> dependent,
        TelemetraPipeline pipeline,
        Context<TelemetraPipeline> context) {
      var producer = pipeline.getSpec().getProducer();
      return producer != null && Boolean.TRUE.equals(producer.getEnabled());
    }
  }
}
