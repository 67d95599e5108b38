package io.telemetra.operator.apiworkload;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.pipeline.PipelineChild;
import io.telemetra.operator.pipeline.PipelineNames;

/** The API Service (ClusterIP, NodePort or LoadBalancer) in front of the API pods. */
@KubernetesDependent(informer = @Informer(labelSelector = PipelineNames.MANAGED_SELECTOR))
public class ApiServiceDependent extends PipelineChild<Service> {

  public ApiServiceDependent() {
    super(Service.class);
  }

  @Override
  protected String childName(TelemetraPipeline pipeline) {
    return PipelineNames.api(pipeline);
  }

  @Override
  public Service desired(TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    var api = pipeline.getSpec().getApi();
    return new ServiceBuilder()
        .withMetadata(PipelineNames.metadata(pipeline, PipelineNames.api(pipeline), "api"))
        .withNewSpec()
        .withType(api.getServiceType().name())
        .withSelector(PipelineNames.selector(pipeline, "api"))
        .addNewPort()
        .withName("http")
        .withProtocol("TCP")
        .withPort(api.getPort())
        .withTargetPort(new IntOrString("http"))
        .endPort()
        .endSpec()
        .build();
  }

  /** The in-cluster URL of the API. */
  public static String url(TelemetraPipeline pipeline) {
    return "http://"
        + PipelineNames.api(pipeline)
        + "."
        + pipeline.getMetadata().getNamespace()
        + ".svc:"
        + pipeline.getSpec().getApi().getPort();
  }
}
