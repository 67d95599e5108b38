package io.telemetra.operator.dependent;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.CRDPresentActivationCondition;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.spark.RestartPolicy;
import io.telemetra.operator.spark.SparkApplication;
import io.telemetra.operator.spark.SparkApplicationSpec;
import io.telemetra.operator.spark.SparkPodSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The streaming job as a Kubeflow SparkApplication. Credentials reach driver and executors only as
 * secretKeyRef env; suspend maps to spec.suspend; the checkpoint location never changes on its own,
 * so spec changes resubmit the job and it resumes from its checkpoint.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PipelineNames.MANAGED_SELECTOR))
public class StreamingApplicationDependent
    extends CRUDKubernetesDependentResource<SparkApplication, TelemetraPipeline> {

  public StreamingApplicationDependent() {
    super(SparkApplication.class);
  }

  @Override
  protected SparkApplication desired(TelemetraPipeline pipeline, Context<TelemetraPipeline> ctx) {
    var streaming = pipeline.getSpec().getStreaming();
    var env =
        new ArrayList<>(
            WorkloadEnvironment.values(WorkloadEnvironment.streaming(pipeline.getSpec())));
    env.addAll(WorkloadEnvironment.sharedSecrets(pipeline.getSpec()));
    Map<String, String> conf = new LinkedHashMap<>(streaming.getSparkConf());
    conf.put("spark.sql.streaming.checkpointLocation", streaming.getCheckpointLocation());

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
            env));
    spec.getDriver().setServiceAccount(streaming.getServiceAccount());
    var executor = streaming.getExecutor();
    spec.setExecutor(
        pod(pipeline, executor.getCores(), executor.getMemory(), executor.getInstances(), env));

    SparkApplication app = new SparkApplication();
    app.getMetadata().setName(PipelineNames.streaming(pipeline));
    app.getMetadata().setNamespace(pipeline.getMetadata().getNamespace());
    app.getMetadata().setLabels(PipelineNames.labels(pipeline, "streaming"));
    app.setSpec(spec);
    return app;
  }

  private static SparkPodSpec pod(
      TelemetraPipeline pipeline,
      int cores,
      String memory,
      Integer instances,
      java.util.List<io.fabric8.kubernetes.api.model.EnvVar> env) {
    SparkPodSpec pod = new SparkPodSpec();
    pod.setCores(cores);
    pod.setMemory(memory);
    pod.setInstances(instances);
    pod.setLabels(PipelineNames.labels(pipeline, "streaming"));
    pod.setEnv(env);
    pod.setSecurityContext(PodSecurity.sparkContainer());
    return pod;
  }

  /** Activation condition: the SparkApplication CRD (the Kubeflow Spark operator) is installed. */
  public static class SparkOperatorInstalled
      extends CRDPresentActivationCondition<SparkApplication, TelemetraPipeline> {
    public SparkOperatorInstalled() {
      super(Integer.MAX_VALUE, Duration.ofSeconds(15));
    }
  }
}
