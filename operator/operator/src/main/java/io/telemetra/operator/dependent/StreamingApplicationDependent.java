package io.telemetra.operator.dependent;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.CRDPresentActivationCondition;
import io.telemetra.operator.api.v1alpha1.CheckpointS3Spec;
import io.telemetra.operator.api.v1alpha1.StreamingSpec;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.spark.RestartPolicy;
import io.telemetra.operator.spark.SparkApplication;
import io.telemetra.operator.spark.SparkApplicationSpec;
import io.telemetra.operator.spark.SparkPodSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The streaming job as a Kubeflow SparkApplication. Credentials reach driver and executors only as
 * secretKeyRef env; suspend maps to spec.suspend; the checkpoint location never changes on its own,
 * so spec changes resubmit the job and it resumes from its checkpoint.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PipelineNames.MANAGED_SELECTOR))
public class StreamingApplicationDependent extends PipelineChild<SparkApplication> {

  /** The container names Spark looks for in the driver and executor pod templates. */
  static final String DRIVER_CONTAINER = "spark-kubernetes-driver";

  static final String EXECUTOR_CONTAINER = "spark-kubernetes-executor";

  private static final String CHECKPOINT_VOLUME = "telemetra-checkpoints";

  public StreamingApplicationDependent() {
    super(SparkApplication.class);
  }

  @Override
  protected SparkApplication desired(TelemetraPipeline pipeline, Context<TelemetraPipeline> ctx) {
    var streaming = pipeline.getSpec().getStreaming();
    var env = new ArrayList<>(WorkloadEnvironment.values(WorkloadEnvironment.streaming(pipeline)));
    env.addAll(WorkloadEnvironment.streamingSecrets(pipeline.getSpec()));
    Map<String, String> conf = new LinkedHashMap<>(streaming.getSparkConf());
    conf.put("spark.sql.streaming.checkpointLocation", streaming.getCheckpointLocation());
    conf.putAll(s3aConf(streaming.getCheckpointS3()));

    SparkApplicationSpec spec = new SparkApplicationSpec();
    spec.setType("Java");
    spec.setMode("cluster");
    spec.setImage(streaming.getImage());
    spec.setMainClass(streaming.getMainClass());
    spec.setMainApplicationFile(streaming.getMainApplicationFile());
    spec.setSparkVersion(streaming.getSparkVersion());
    spec.setSparkConf(conf);
    spec.setSuspend(Boolean.TRUE.equals(pipeline.getSpec().getSuspend()));
    RestartPolicy restart = new RestartPolicy();
    restart.setType("OnFailure");
    restart.setOnFailureRetries(10);
    restart.setOnFailureRetryInterval(30L);
    restart.setOnSubmissionFailureRetries(5);
    restart.setOnSubmissionFailureRetryInterval(30L);
    spec.setRestartPolicy(restart);
    spec.setDriver(
        pod(
            pipeline,
            streaming.getDriver().getCores(),
            streaming.getDriver().getMemory(),
            null,
            template(DRIVER_CONTAINER, env, streaming)));
    spec.getDriver().setServiceAccount(streaming.getServiceAccount());
    var executor = streaming.getExecutor();
    spec.setExecutor(
        pod(
            pipeline,
            executor.getCores(),
            executor.getMemory(),
            executor.getInstances(),
            template(EXECUTOR_CONTAINER, env, streaming)));

    SparkApplication app = new SparkApplication();
    app.getMetadata().setName(PipelineNames.streaming(pipeline));
    app.getMetadata().setNamespace(pipeline.getMetadata().getNamespace());
    app.getMetadata().setLabels(PipelineNames.labels(pipeline, "streaming"));
    app.setSpec(spec);
    io.telemetra.operator.status.SubmittedSpec.annotate(app, ctx);
    return app;
  }

  private static SparkPodSpec pod(
      TelemetraPipeline pipeline,
      int cores,
      String memory,
      Integer instances,
      PodTemplateSpec template) {
    SparkPodSpec pod = new SparkPodSpec();
    pod.setCores(cores);
    pod.setMemory(memory);
    pod.setInstances(instances);
    pod.setLabels(PipelineNames.labels(pipeline, "streaming"));
    pod.setTemplate(template);
    return pod;
  }

  /**
   * The pod template spark-submit starts the driver or executors from: Spark keeps the container
   * named here and adds its own settings to it, so credentials reach the job only as secretKeyRef
   * env and the pod runs under the restricted profile even without the Spark operator's webhook.
   */
  private static PodTemplateSpec template(
      String container, List<EnvVar> env, StreamingSpec streaming) {
    var pod =
        new PodTemplateSpecBuilder()
            .withNewSpec()
            .withSecurityContext(PodSecurity.pod())
            .addNewContainer()
            .withName(container)
            .withEnv(env)
            .withSecurityContext(PodSecurity.sparkContainer())
            .endContainer()
            .endSpec();
    String claim = streaming.getCheckpointVolumeClaim();
    if (claim != null) {
      // Driver (offsets, commits) and executors (state stores) write the same checkpoint.
      pod.editSpec()
          .addNewVolume()
          .withName(CHECKPOINT_VOLUME)
          .withNewPersistentVolumeClaim()
          .withClaimName(claim)
          .endPersistentVolumeClaim()
          .endVolume()
          .editFirstContainer()
          .addNewVolumeMount()
          .withName(CHECKPOINT_VOLUME)
          .withMountPath(checkpointDirectory(streaming.getCheckpointLocation()))
          .endVolumeMount()
          .endContainer()
          .endSpec();
    }
    return pod.build();
  }

  /** Hadoop s3a settings for the checkpoint store (none without checkpointS3). */
  static Map<String, String> s3aConf(CheckpointS3Spec s3) {
    Map<String, String> conf = new LinkedHashMap<>();
    if (s3 == null) {
      return conf;
    }
    if (s3.getEndpoint() != null) {
      conf.put("spark.hadoop.fs.s3a.endpoint", s3.getEndpoint());
    }
    if (s3.getRegion() != null) {
      conf.put("spark.hadoop.fs.s3a.endpoint.region", s3.getRegion());
    }
    conf.put("spark.hadoop.fs.s3a.path.style.access", String.valueOf(s3.getPathStyleAccess()));
    if (s3.getCredentialsSecretRef() != null) {
      // Only the variables set from the Secret: no instance profile or IRSA is consulted.
      conf.put(
          "spark.hadoop.fs.s3a.aws.credentials.provider",
          "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider");
    }
    return conf;
  }

  /** The directory of a file:// (or plain absolute) checkpoint location. */
  static String checkpointDirectory(String location) {
    return location.startsWith("file:") ? java.net.URI.create(location).getPath() : location;
  }

  /** Activation condition: the SparkApplication CRD (the Kubeflow Spark operator) is installed. */
  public static class SparkOperatorInstalled
      extends CRDPresentActivationCondition<SparkApplication, TelemetraPipeline> {
    public SparkOperatorInstalled() {
      super(Integer.MAX_VALUE, Duration.ofSeconds(15));
    }
  }
}
