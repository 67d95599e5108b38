package io.telemetra.operator.streaming;

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
import io.telemetra.operator.pipeline.PipelineChild;
import io.telemetra.operator.pipeline.PipelineNames;
import io.telemetra.operator.pipeline.PodSecurity;
import io.telemetra.operator.pipeline.ReferencedSecrets;
import io.telemetra.operator.pipeline.WorkloadEnvironment;
import io.telemetra.operator.pipeline.WorkloadTemplates;
import io.telemetra.operator.spark.RestartPolicy;
import io.telemetra.operator.spark.SparkApplication;
import io.telemetra.operator.spark.SparkApplicationSpec;
import io.telemetra.operator.spark.SparkPodSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The streaming job as a Kubeflow SparkApplication. Credentials reach driver and executors only as
 * secretKeyRef env; suspend maps to spec.suspend; the checkpoint location changes only with a
 * requested reset (a new spec.streaming.reset.nonce), so other spec changes resubmit the job and it
 * resumes from its checkpoint.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PipelineNames.MANAGED_SELECTOR))
public class StreamingApplicationDependent extends PipelineChild<SparkApplication> {

  /** The container names Spark looks for in the driver and executor pod templates. */
  static final String DRIVER_CONTAINER = "spark-kubernetes-driver";

  /** Key of this reconcile's desired SparkApplication in the reconcile's context. */
  private static final String DESIRED = "telemetra.desiredSparkApplication";

  static final String EXECUTOR_CONTAINER = "spark-kubernetes-executor";

  private static final String CHECKPOINT_VOLUME = "telemetra-checkpoints";

  /**
   * Carries spec.streaming.restartNonce into the driver and executor pod templates: a new value
   * changes the SparkApplication's spec, which the Spark operator answers with a resubmission.
   */
  static final String RESTART_NONCE_ANNOTATION = "telemetra.io/restart-nonce";

  /**
   * On the SparkApplication: the spec hash of Telemetra's last resubmission after a failure. While
   * the application still carries that spec and does not run, it is restarting after a failure.
   */
  public static final String RESUBMITTED_SPEC = "telemetra.io/resubmitted-spec";

  /** On the SparkApplication: how the run before Telemetra's last resubmission ended. */
  public static final String RESUBMITTED_AFTER = "telemetra.io/resubmitted-after";

  private final Clock clock;

  public StreamingApplicationDependent() {
    this(Clock.systemUTC());
  }

  StreamingApplicationDependent(Clock clock) {
    super(SparkApplication.class);
    this.clock = clock;
  }

  @Override
  protected String childName(TelemetraPipeline pipeline) {
    return PipelineNames.streaming(pipeline);
  }

  /**
   * The SparkApplication the pipeline asks for, built once per reconcile: the dependent matches it
   * and the status compares its spec hash with the submitted one.
   */
  @Override
  public SparkApplication desired(TelemetraPipeline pipeline, Context<TelemetraPipeline> ctx) {
    if (ctx == null) {
      return build(pipeline, null);
    }
    var reconcile = ctx.managedWorkflowAndDependentResourceContext();
    Optional<SparkApplication> built = reconcile.get(DESIRED, SparkApplication.class);
    if (built.isPresent()) {
      return built.get();
    }
    SparkApplication app = build(pipeline, ctx);
    reconcile.put(DESIRED, app);
    return app;
  }

  private SparkApplication build(TelemetraPipeline pipeline, Context<TelemetraPipeline> ctx) {
    SparkApplication actual =
        ctx == null ? null : ctx.getSecondaryResource(SparkApplication.class).orElse(null);
    var streaming = pipeline.getSpec().getStreaming();
    RestartBudget budget = RestartBudget.of(actual, streaming.getRestartNonce());
    Map<String, String> secrets =
        ReferencedSecrets.podAnnotations(
            ctx, WorkloadEnvironment.streamingSecrets(pipeline.getSpec()));
    SparkApplication app = application(pipeline, budget, secrets, actual);
    Instant now = clock.instant();
    boolean resubmit =
        !Boolean.TRUE.equals(pipeline.getSpec().getSuspend())
            && SubmittedSpec.endedRunOfCurrentSpec(actual, app)
            && !budget.nextResubmission(streaming.getRestartBudget(), now).isAfter(now);
    if (resubmit) {
      app =
          application(
              pipeline, budget.resubmitted(streaming.getRestartBudget(), now), secrets, actual);
    }
    Map<String, String> annotations = app.getMetadata().getAnnotations();
    if (resubmit) {
      annotations.put(RESUBMITTED_SPEC, annotations.get(SubmittedSpec.SPEC_HASH));
      annotations.put(RESUBMITTED_AFTER, SubmittedSpec.runEnding(actual));
    } else {
      for (String carried : List.of(RESUBMITTED_SPEC, RESUBMITTED_AFTER)) {
        Optional.ofNullable(SubmittedSpec.annotation(actual, carried))
            .ifPresent(value -> annotations.put(carried, value));
      }
    }
    return app;
  }

  /** The SparkApplication for {@code pipeline}, resubmitted as often as {@code budget} says. */
  private static SparkApplication application(
      TelemetraPipeline pipeline,
      RestartBudget budget,
      Map<String, String> secrets,
      SparkApplication actual) {
    var streaming = pipeline.getSpec().getStreaming();
    var env = new ArrayList<>(WorkloadEnvironment.values(WorkloadEnvironment.streaming(pipeline)));
    env.addAll(WorkloadEnvironment.streamingSecrets(pipeline.getSpec()));
    Map<String, String> conf = new LinkedHashMap<>(streaming.getSparkConf());
    conf.put(
        "spark.sql.streaming.checkpointLocation",
        WorkloadEnvironment.checkpointLocation(streaming));
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
    // Failed runs are resubmitted by Telemetra within its restart budget, never by the Spark
    // operator, whose retries would run out over the job's life.
    RestartPolicy restart = new RestartPolicy();
    restart.setType("Never");
    spec.setRestartPolicy(restart);
    spec.setDriver(
        pod(
            pipeline,
            streaming.getDriver().getCores(),
            streaming.getDriver().getMemory(),
            null,
            WorkloadTemplates.withTemplate(
                template(DRIVER_CONTAINER, env, streaming, budget, secrets),
                DRIVER_CONTAINER,
                streaming.getDriver().getTemplate())));
    spec.getDriver().setServiceAccount(streaming.getServiceAccount());
    var executor = streaming.getExecutor();
    spec.setExecutor(
        pod(
            pipeline,
            executor.getCores(),
            executor.getMemory(),
            executor.getInstances(),
            WorkloadTemplates.withTemplate(
                template(EXECUTOR_CONTAINER, env, streaming, budget, secrets),
                EXECUTOR_CONTAINER,
                executor.getTemplate())));

    SparkApplication app = new SparkApplication();
    app.getMetadata().setName(PipelineNames.streaming(pipeline));
    app.getMetadata().setNamespace(pipeline.getMetadata().getNamespace());
    app.getMetadata().setLabels(PipelineNames.labels(pipeline, "streaming"));
    app.getMetadata()
        .setAnnotations(new LinkedHashMap<>(budget.annotations(streaming.getRestartNonce())));
    app.setSpec(spec);
    SubmittedSpec.annotate(app, actual);
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
      String container,
      List<EnvVar> env,
      StreamingSpec streaming,
      RestartBudget budget,
      Map<String, String> secrets) {
    var pod = new PodTemplateSpecBuilder();
    Map<String, String> annotations = new LinkedHashMap<>(secrets);
    if (streaming.getRestartNonce() != null) {
      annotations.put(RESTART_NONCE_ANNOTATION, streaming.getRestartNonce());
    }
    if (budget.resubmissions() > 0) {
      annotations.put(RestartBudget.RESUBMISSIONS, Integer.toString(budget.resubmissions()));
    }
    if (!annotations.isEmpty()) {
      pod.withNewMetadata().addToAnnotations(annotations).endMetadata();
    }
    pod =
        pod.withNewSpec()
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
