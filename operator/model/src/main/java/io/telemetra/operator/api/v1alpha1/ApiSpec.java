package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The API Deployment (REST, WebSocket and the dashboard) and its Service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApiSpec {

  /** How the API Service is exposed. */
  public enum ServiceType {
    ClusterIP,
    NodePort,
    LoadBalancer
  }

  @Required
  @Pattern("^\\S+$")
  @JsonPropertyDescription("Container image of the API.")
  private String image;

  @Default("2")
  @Min(1)
  @Max(50)
  @JsonPropertyDescription(
      "Number of API pods (a PodDisruptionBudget is added above 1); ignored with autoscaling.")
  private Integer replicas = 2;

  @JsonPropertyDescription(
      "Scale the API on CPU with a HorizontalPodAutoscaler Telemetra creates; the operator then"
          + " leaves the Deployment's replica count to it.")
  private ApiAutoscalingSpec autoscaling;

  @JsonPropertyDescription("CPU and memory requests and limits of the API container.")
  private ResourceRequirements resources;

  @Default("ClusterIP")
  @JsonPropertyDescription("Type of the API Service.")
  private ServiceType serviceType = ServiceType.ClusterIP;

  @Default("8080")
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("Port of the API Service (and of the container).")
  private Integer port = 8080;

  @Required
  @JsonPropertyDescription("Secret key holding the bearer token clients must send.")
  private SecretKeyRef authTokenSecretRef;

  @JsonPropertyDescription("Comma-separated browser origins allowed to call the API.")
  private String corsOrigins;

  @JsonPropertyDescription(
      "Labels, annotations, scheduling, extra env, volumes and sidecars for the API pods.")
  private WorkloadPodTemplate template;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public ApiAutoscalingSpec getAutoscaling() {
    return autoscaling;
  }

  public void setAutoscaling(ApiAutoscalingSpec autoscaling) {
    this.autoscaling = autoscaling;
  }

  /** The fewest API pods wanted while running: the autoscaler's minimum, or the fixed count. */
  public int minimumReplicas() {
    return autoscaling != null ? autoscaling.getMinReplicas() : replicas;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public ServiceType getServiceType() {
    return serviceType;
  }

  public void setServiceType(ServiceType serviceType) {
    this.serviceType = serviceType;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public SecretKeyRef getAuthTokenSecretRef() {
    return authTokenSecretRef;
  }

  public void setAuthTokenSecretRef(SecretKeyRef authTokenSecretRef) {
    this.authTokenSecretRef = authTokenSecretRef;
  }

  public String getCorsOrigins() {
    return corsOrigins;
  }

  public void setCorsOrigins(String corsOrigins) {
    this.corsOrigins = corsOrigins;
  }

  public WorkloadPodTemplate getTemplate() {
    return template;
  }

  public void setTemplate(WorkloadPodTemplate template) {
    this.template = template;
  }
}
