package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;

/**
 * What a platform team adds to the pods of one workload (API, producer, Spark driver or executors),
 * in the spirit of Strimzi's {@code template}: each field is added to what Telemetra generates,
 * never replaces it. Scheduling fields are set as given; env, envFrom, volumeMounts go to the
 * workload's container after Telemetra's own; volumes and sidecars are appended. Names Telemetra
 * uses (its environment variables, volumes and containers, its label keys) are refused at apply, so
 * a template can never change how the workload connects, stores its checkpoint or is selected.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.env) || self.env.all(e, !(e.name in ["
            + WorkloadPodTemplate.TELEMETRA_ENVIRONMENT
            + "]) && !e.name.startsWith('TELEMETRA_'))",
    message =
        "template env must not set a variable Telemetra sets (its connection, credential and job"
            + " settings, TELEMETRA_*); use the pipeline's fields for those",
    fieldPath = ".env")
@ValidationRule(
    value =
        "!has(self.volumes) || self.volumes.all(v, !(v.name in ['tmp', 'telemetra-checkpoints'])"
            + " && !v.name.startsWith('spark-'))",
    message = "template volumes must not be named tmp, telemetra-checkpoints or spark-*",
    fieldPath = ".volumes")
@ValidationRule(
    value =
        "!has(self.sidecars) || self.sidecars.all(c, !(c.name in ['api', 'producer',"
            + " 'spark-kubernetes-driver', 'spark-kubernetes-executor']))",
    message = "a sidecar must not take the name of Telemetra's own container",
    fieldPath = ".sidecars")
public class WorkloadPodTemplate {

  /**
   * Every environment variable Telemetra sets on some workload, as a CEL list. The operator's tests
   * check that each variable it sets is listed here.
   */
  public static final String TELEMETRA_ENVIRONMENT =
      "'ANOMALY_DETECTION_THRESHOLD', 'ANOMALY_HISTORY_WINDOWS', 'API_AUTH_TOKEN',"
          + " 'API_CORS_ORIGINS', 'API_PORT', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',"
          + " 'CHAT_WINDOW_DURATION_SECONDS', 'CHAT_WINDOW_SLIDE_SECONDS', 'CHECKPOINT_LOCATION',"
          + " 'CHECKPOINT_RESTORE_FROM', 'CHECKPOINT_SNAPSHOTS',"
          + " 'KAFKA_BOOTSTRAP_SERVERS', 'KAFKA_SASL_MECHANISM', 'KAFKA_SASL_PASSWORD',"
          + " 'KAFKA_SASL_USERNAME', 'KAFKA_SECURITY_PROTOCOL', 'KAFKA_SSL_CA_CERTIFICATES',"
          + " 'KAFKA_SSL_CLIENT_CERTIFICATE', 'KAFKA_SSL_CLIENT_KEY', 'KAFKA_STARTING_OFFSETS',"
          + " 'POSTGRES_DB', 'POSTGRES_HOST', 'POSTGRES_PASSWORD', 'POSTGRES_PORT', 'POSTGRES_USER',"
          + " 'POSTGRES_SSL_MODE', 'POSTGRES_SSL_ROOT_CERT', 'POSTGRES_SSL_ROOT_CERT_FILE',"
          + " 'POSTGRES_URL',"
          + " 'PRODUCER_RATE_PER_SEC', 'PRODUCER_STREAMS', 'REDIS_HOST', 'REDIS_PASSWORD',"
          + " 'REDIS_PORT', 'SENTIMENT_ENABLED', 'TRIGGER_INTERVAL_SECONDS', 'WATERMARK_SECONDS',"
          // A secret's file variant would contradict the value Telemetra sets (both is an error).
          + " 'API_AUTH_TOKEN_FILE', 'KAFKA_SASL_PASSWORD_FILE', 'KAFKA_SASL_USERNAME_FILE',"
          + " 'KAFKA_SSL_CA_CERTIFICATES_FILE', 'KAFKA_SSL_CLIENT_CERTIFICATE_FILE',"
          + " 'KAFKA_SSL_CLIENT_KEY_FILE', 'POSTGRES_PASSWORD_FILE', 'REDIS_PASSWORD_FILE'";

  @JsonPropertyDescription("Labels and annotations added to the pods.")
  private TemplateMetadata metadata;

  @Size(max = 64)
  @JsonPropertyDescription("Node labels the pods must be scheduled on.")
  private Map<String, String> nodeSelector;

  @Size(max = 64)
  @JsonPropertyDescription("Taints the pods tolerate (Kubernetes Toleration).")
  private List<Toleration> tolerations;

  @JsonPropertyDescription("Node and pod (anti-)affinity of the pods (Kubernetes Affinity).")
  private Affinity affinity;

  @Size(max = 16)
  @JsonPropertyDescription(
      "How the pods spread across zones or nodes (Kubernetes TopologySpreadConstraint).")
  private List<TopologySpreadConstraint> topologySpreadConstraints;

  @JsonPropertyDescription("PriorityClass of the pods.")
  private String priorityClassName;

  @Size(max = 16)
  @JsonPropertyDescription("Secrets for pulling the images from a private registry.")
  private List<LocalObjectReference> imagePullSecrets;

  @JsonPropertyDescription(
      "User and groups of the pods; the restricted Pod Security Standard stays in force.")
  private TemplatePodSecurity securityContext;

  @Size(max = 128)
  @JsonPropertyDescription(
      "Environment variables added to the workload's container (not those Telemetra sets).")
  private List<EnvVar> env;

  @Size(max = 32)
  @JsonPropertyDescription(
      "ConfigMaps or Secrets whose keys become environment variables of the workload's container,"
          + " e.g. S3 credentials for checkpoints. Telemetra's own variables take precedence.")
  private List<EnvFromSource> envFrom;

  @Size(max = 64)
  @JsonPropertyDescription("Volumes added to the pods (Kubernetes Volume).")
  private List<Volume> volumes;

  @Size(max = 64)
  @JsonPropertyDescription("Where the workload's container mounts the added volumes.")
  private List<VolumeMount> volumeMounts;

  @Size(max = 16)
  @JsonPropertyDescription(
      "Containers run beside the workload's container (Kubernetes Container); those without a"
          + " securityContext get the restricted one Telemetra's containers run with.")
  private List<Container> sidecars;

  public TemplateMetadata getMetadata() {
    return metadata;
  }

  public void setMetadata(TemplateMetadata metadata) {
    this.metadata = metadata;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public Affinity getAffinity() {
    return affinity;
  }

  public void setAffinity(Affinity affinity) {
    this.affinity = affinity;
  }

  public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
    return topologySpreadConstraints;
  }

  public void setTopologySpreadConstraints(
      List<TopologySpreadConstraint> topologySpreadConstraints) {
    this.topologySpreadConstraints = topologySpreadConstraints;
  }

  public String getPriorityClassName() {
    return priorityClassName;
  }

  public void setPriorityClassName(String priorityClassName) {
    this.priorityClassName = priorityClassName;
  }

  public List<LocalObjectReference> getImagePullSecrets() {
    return imagePullSecrets;
  }

  public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
    this.imagePullSecrets = imagePullSecrets;
  }

  public TemplatePodSecurity getSecurityContext() {
    return securityContext;
  }

  public void setSecurityContext(TemplatePodSecurity securityContext) {
    this.securityContext = securityContext;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }

  public List<EnvFromSource> getEnvFrom() {
    return envFrom;
  }

  public void setEnvFrom(List<EnvFromSource> envFrom) {
    this.envFrom = envFrom;
  }

  public List<Volume> getVolumes() {
    return volumes;
  }

  public void setVolumes(List<Volume> volumes) {
    this.volumes = volumes;
  }

  public List<VolumeMount> getVolumeMounts() {
    return volumeMounts;
  }

  public void setVolumeMounts(List<VolumeMount> volumeMounts) {
    this.volumeMounts = volumeMounts;
  }

  public List<Container> getSidecars() {
    return sidecars;
  }

  public void setSidecars(List<Container> sidecars) {
    this.sidecars = sidecars;
  }
}
