package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Spark Structured Streaming job: image, windowing, anomaly detection and resources. */
@ValidationRule(
    value = "self.slideSeconds <= self.windowSeconds",
    message = "spec.streaming.slideSeconds must not exceed spec.streaming.windowSeconds",
    fieldPath = ".slideSeconds")
@ValidationRule(
    value = "self.windowSeconds % self.slideSeconds == 0",
    message = "spec.streaming.slideSeconds must divide spec.streaming.windowSeconds evenly",
    fieldPath = ".slideSeconds")
@ValidationRule(
    value =
        "!has(self.checkpointVolumeClaim) || self.checkpointLocation.startsWith('file:///')"
            + " || self.checkpointLocation.startsWith('/')",
    message =
        "streaming.checkpointVolumeClaim needs a file:// (or absolute path) checkpointLocation:"
            + " the claim is mounted at that directory",
    messageExpression =
        "'spec.streaming.checkpointVolumeClaim needs a file:// (or absolute path)"
            + " checkpointLocation, the directory the claim is mounted at; got '"
            + " + self.checkpointLocation",
    fieldPath = ".checkpointLocation")
@ValidationRule(
    value = "!has(self.checkpointS3) || self.checkpointLocation.startsWith('s3a://')",
    message = "streaming.checkpointS3 needs an s3a:// checkpointLocation",
    messageExpression =
        "'spec.streaming.checkpointS3 needs an s3a:// checkpointLocation; got '"
            + " + self.checkpointLocation",
    fieldPath = ".checkpointLocation")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StreamingSpec {

  @Required
  @Pattern("^\\S+$")
  @JsonPropertyDescription("Container image of the streaming job (with Spark and the job jar).")
  private String image;

  @Default("io.telemetra.streaming.StreamingJobMain")
  @JsonPropertyDescription("Main class of the streaming job.")
  private String mainClass = "io.telemetra.streaming.StreamingJobMain";

  @Default("local:///opt/telemetra/telemetra-streaming.jar")
  @JsonPropertyDescription(
      "Location of the job jar as Spark sees it (local:// means inside the image).")
  private String mainApplicationFile = "local:///opt/telemetra/telemetra-streaming.jar";

  @Default("4.1.1")
  @JsonPropertyDescription("Spark version in the image.")
  private String sparkVersion = "4.1.1";

  @Default("spark-operator-spark")
  @JsonPropertyDescription(
      "Service account the driver runs as (it must be allowed to create executor pods).")
  private String serviceAccount = "spark-operator-spark";

  @Default("60")
  @Min(1)
  @Max(86400)
  @JsonPropertyDescription("Length of the aggregation windows in seconds.")
  private Integer windowSeconds = 60;

  @Default("10")
  @Min(1)
  @Max(86400)
  @JsonPropertyDescription("Slide of the windows in seconds; must divide windowSeconds.")
  private Integer slideSeconds = 10;

  @Default("30")
  @Min(0)
  @Max(86400)
  @JsonPropertyDescription("How late an event may arrive, in seconds, and still count.")
  private Integer watermarkSeconds = 30;

  @Default("5")
  @Min(1)
  @Max(3600)
  @JsonPropertyDescription("Micro-batch trigger interval in seconds.")
  private Integer triggerSeconds = 5;

  @Default("3.0")
  @Min(value = 0, inclusive = false)
  @Max(100)
  @JsonPropertyDescription("z-score above which a window becomes a moment.")
  private Double anomalyThreshold = 3.0;

  @Default("30")
  @Min(2)
  @Max(10000)
  @JsonPropertyDescription(
      "How many recent windows form a stream's baseline for anomaly detection.")
  private Integer historyWindows = 30;

  @Default("true")
  @JsonPropertyDescription("Compute chat sentiment.")
  private Boolean sentimentEnabled = true;

  @Required
  @Pattern("^\\S+$")
  @JsonPropertyDescription(
      "Durable checkpoint directory (s3a://, hdfs:// or a mounted volume path); kept across restarts and suspends.")
  private String checkpointLocation;

  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  @JsonPropertyDescription(
      "PersistentVolumeClaim (in the pipeline's namespace) mounted in the driver and every executor"
          + " at the directory of a file:// checkpointLocation, so the checkpoint outlives their pods."
          + " ReadWriteMany, or ReadWriteOnce when driver and executors share a node.")
  private String checkpointVolumeClaim;

  @JsonPropertyDescription(
      "The S3-compatible store of an s3a:// checkpointLocation: endpoint, path-style access and"
          + " credentials (by Secret reference).")
  private CheckpointS3Spec checkpointS3;

  @JsonPropertyDescription(
      "A requested checkpoint reset. A change to windowSeconds, slideSeconds, watermarkSeconds,"
          + " checkpointLocation or kafka.bootstrapServers is refused unless reset.nonce changes"
          + " with it; a new nonce alone resets too. Once set it cannot be removed."
          + " See docs/operator.md, \"Resume or reset\".")
  private StreamingReset reset;

  @Default("3")
  @Min(0)
  @Max(100)
  @JsonPropertyDescription(
      "How many copies of the checkpoint to keep: the job copies its checkpoint to"
          + " <checkpointLocation>/snapshots/<id> each time it starts, i.e. before every"
          + " resubmit, and deletes the oldest beyond this many; status.streaming.snapshots lists"
          + " them. 0 takes none. A copy costs the checkpoint's size (its state included).")
  private Integer snapshots = 3;

  @Pattern("^[0-9]{8}-[0-9]{6}-[0-9]{3}$")
  @JsonPropertyDescription(
      "Id of a snapshot (status.streaming.snapshots[].id) to put back in place of the"
          + " checkpoint: the job is resubmitted, goes back to it once, and runs the batches after"
          + " it again, rewriting the windows they touch. See docs/operator.md, \"Snapshots\".")
  private String restoreFrom;

  @Size(min = 1, max = 63)
  @Pattern("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
  @JsonPropertyDescription(
      "Change it to restart the streaming job on purpose (e.g. once the restart budget is spent):"
          + " the job is resubmitted with a fresh budget and resumes from its checkpoint. Any"
          + " value; a new one restarts again.")
  private String restartNonce;

  @JsonPropertyDescription(
      "How often a failed run is resubmitted before the job counts as crash-looping (default 5"
          + " within 30 minutes).")
  private RestartBudgetSpec restartBudget = new RestartBudgetSpec();

  @JsonPropertyDescription("Driver pod resources.")
  private SparkDriverSpec driver = new SparkDriverSpec();

  @JsonPropertyDescription("Executor pods: count and resources.")
  private SparkExecutorSpec executor = new SparkExecutorSpec();

  @JsonPropertyDescription("Extra Spark configuration (spark.* keys); never put credentials here.")
  private Map<String, String> sparkConf = new LinkedHashMap<>();

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public String getMainClass() {
    return mainClass;
  }

  public void setMainClass(String mainClass) {
    this.mainClass = mainClass;
  }

  public String getMainApplicationFile() {
    return mainApplicationFile;
  }

  public void setMainApplicationFile(String mainApplicationFile) {
    this.mainApplicationFile = mainApplicationFile;
  }

  public String getSparkVersion() {
    return sparkVersion;
  }

  public void setSparkVersion(String sparkVersion) {
    this.sparkVersion = sparkVersion;
  }

  public String getServiceAccount() {
    return serviceAccount;
  }

  public void setServiceAccount(String serviceAccount) {
    this.serviceAccount = serviceAccount;
  }

  public Integer getWindowSeconds() {
    return windowSeconds;
  }

  public void setWindowSeconds(Integer windowSeconds) {
    this.windowSeconds = windowSeconds;
  }

  public Integer getSlideSeconds() {
    return slideSeconds;
  }

  public void setSlideSeconds(Integer slideSeconds) {
    this.slideSeconds = slideSeconds;
  }

  public Integer getWatermarkSeconds() {
    return watermarkSeconds;
  }

  public void setWatermarkSeconds(Integer watermarkSeconds) {
    this.watermarkSeconds = watermarkSeconds;
  }

  public Integer getTriggerSeconds() {
    return triggerSeconds;
  }

  public void setTriggerSeconds(Integer triggerSeconds) {
    this.triggerSeconds = triggerSeconds;
  }

  public Double getAnomalyThreshold() {
    return anomalyThreshold;
  }

  public void setAnomalyThreshold(Double anomalyThreshold) {
    this.anomalyThreshold = anomalyThreshold;
  }

  public Integer getHistoryWindows() {
    return historyWindows;
  }

  public void setHistoryWindows(Integer historyWindows) {
    this.historyWindows = historyWindows;
  }

  public Boolean getSentimentEnabled() {
    return sentimentEnabled;
  }

  public void setSentimentEnabled(Boolean sentimentEnabled) {
    this.sentimentEnabled = sentimentEnabled;
  }

  public String getCheckpointLocation() {
    return checkpointLocation;
  }

  public void setCheckpointLocation(String checkpointLocation) {
    this.checkpointLocation = checkpointLocation;
  }

  public String getCheckpointVolumeClaim() {
    return checkpointVolumeClaim;
  }

  public void setCheckpointVolumeClaim(String checkpointVolumeClaim) {
    this.checkpointVolumeClaim = checkpointVolumeClaim;
  }

  public SparkDriverSpec getDriver() {
    return driver;
  }

  public void setDriver(SparkDriverSpec driver) {
    this.driver = driver;
  }

  public SparkExecutorSpec getExecutor() {
    return executor;
  }

  public void setExecutor(SparkExecutorSpec executor) {
    this.executor = executor;
  }

  public Map<String, String> getSparkConf() {
    return sparkConf;
  }

  public void setSparkConf(Map<String, String> sparkConf) {
    this.sparkConf = sparkConf;
  }

  public String getRestartNonce() {
    return restartNonce;
  }

  public void setRestartNonce(String restartNonce) {
    this.restartNonce = restartNonce;
  }

  public RestartBudgetSpec getRestartBudget() {
    return restartBudget;
  }

  public void setRestartBudget(RestartBudgetSpec restartBudget) {
    this.restartBudget = restartBudget;
  }

  public StreamingReset getReset() {
    return reset;
  }

  public void setReset(StreamingReset reset) {
    this.reset = reset;
  }

  public Integer getSnapshots() {
    return snapshots;
  }

  public void setSnapshots(Integer snapshots) {
    this.snapshots = snapshots;
  }

  public String getRestoreFrom() {
    return restoreFrom;
  }

  public void setRestoreFrom(String restoreFrom) {
    this.restoreFrom = restoreFrom;
  }

  public CheckpointS3Spec getCheckpointS3() {
    return checkpointS3;
  }

  public void setCheckpointS3(CheckpointS3Spec checkpointS3) {
    this.checkpointS3 = checkpointS3;
  }
}
