package io.telemetra.operator.apiworkload;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.telemetra.operator.api.v1alpha1.ApiSpec;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.pipeline.PipelineChild;
import io.telemetra.operator.pipeline.PipelineNames;
import io.telemetra.operator.pipeline.PodSecurity;
import io.telemetra.operator.pipeline.ReferencedSecrets;
import io.telemetra.operator.pipeline.WorkloadEnvironment;
import io.telemetra.operator.pipeline.WorkloadTemplates;
import java.util.Map;

/**
 * The API Deployment: restricted security context, probes on Spring Boot's health groups, settings
 * from the API ConfigMap (its hash rolls the pods) and credentials via secretKeyRef.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PipelineNames.MANAGED_SELECTOR))
public class ApiDeploymentDependent extends PipelineChild<Deployment> {

  public static final String CONFIG_HASH = "telemetra.io/config-hash";

  public ApiDeploymentDependent() {
    super(Deployment.class);
  }

  /**
   * The replica count Telemetra sets: zero while suspended, none with autoscaling (the
   * HorizontalPodAutoscaler owns the field; server-side apply leaves it to its manager), else
   * spec.api.replicas.
   */
  static Integer replicas(ApiSpec api, boolean suspended) {
    if (suspended) {
      return 0;
    }
    return api.getAutoscaling() != null ? null : api.getReplicas();
  }

  @Override
  protected String childName(TelemetraPipeline pipeline) {
    return PipelineNames.api(pipeline);
  }

  @Override
  public Deployment desired(TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    ApiSpec api = pipeline.getSpec().getApi();
    boolean suspended = Boolean.TRUE.equals(pipeline.getSpec().getSuspend());
    String configHash = Integer.toHexString(WorkloadEnvironment.api(pipeline.getSpec()).hashCode());
    Map<String, String> annotations =
        new java.util.TreeMap<>(
            ReferencedSecrets.podAnnotations(
                context, WorkloadEnvironment.apiSecrets(pipeline.getSpec())));
    annotations.put(CONFIG_HASH, configHash);
    Deployment deployment =
        new DeploymentBuilder()
            .withMetadata(PipelineNames.metadata(pipeline, PipelineNames.api(pipeline), "api"))
            .withNewSpec()
            .withReplicas(replicas(api, suspended))
            .withNewSelector()
            .withMatchLabels(PipelineNames.selector(pipeline, "api"))
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(PipelineNames.labels(pipeline, "api"))
            .withAnnotations(annotations)
            .endMetadata()
            .withNewSpec()
            .withAutomountServiceAccountToken(false)
            .withSecurityContext(PodSecurity.pod())
            .addNewContainer()
            .withName("api")
            .withImage(api.getImage())
            .addNewPort()
            .withName("http")
            .withContainerPort(api.getPort())
            .endPort()
            .addNewEnvFrom()
            .withNewConfigMapRef(PipelineNames.api(pipeline), false)
            .endEnvFrom()
            .withEnv(WorkloadEnvironment.apiSecrets(pipeline.getSpec()))
            .withResources(api.getResources() != null ? api.getResources() : defaultResources())
            .withStartupProbe(probe("/actuator/health/liveness", 30))
            .withLivenessProbe(probe("/actuator/health/liveness", 3))
            .withReadinessProbe(probe("/actuator/health/readiness", 3))
            .withSecurityContext(PodSecurity.container())
            .addToVolumeMounts(PodSecurity.tmpMount())
            .endContainer()
            .addToVolumes(PodSecurity.tmpVolume())
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    var spec = deployment.getSpec();
    spec.setTemplate(WorkloadTemplates.withTemplate(spec.getTemplate(), "api", api.getTemplate()));
    return deployment;
  }

  private static Probe probe(String path, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString("http"))
        .endHttpGet()
        .withPeriodSeconds(5)
        .withTimeoutSeconds(2)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  private static ResourceRequirements defaultResources() {
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("100m"))
        .addToRequests("memory", new Quantity("512Mi"))
        .addToLimits("memory", new Quantity("1Gi"))
        .build();
  }
}
