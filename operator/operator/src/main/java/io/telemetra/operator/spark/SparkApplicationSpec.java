package io.telemetra.operator.spark;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The part of SparkApplication.spec Telemetra sets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SparkApplicationSpec {

  private String type;
  private String mode;
  private String image;
  private String mainClass;
  private String mainApplicationFile;
  private List<String> arguments;
  private String sparkVersion;
  private Map<String, String> sparkConf;
  private RestartPolicy restartPolicy;
  private Boolean suspend;
  private SparkPodSpec driver;
  private SparkPodSpec executor;

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

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

  public List<String> getArguments() {
    return arguments;
  }

  public void setArguments(List<String> arguments) {
    this.arguments = arguments;
  }

  public String getSparkVersion() {
    return sparkVersion;
  }

  public void setSparkVersion(String sparkVersion) {
    this.sparkVersion = sparkVersion;
  }

  public Map<String, String> getSparkConf() {
    return sparkConf;
  }

  public void setSparkConf(Map<String, String> sparkConf) {
    this.sparkConf = sparkConf;
  }

  public RestartPolicy getRestartPolicy() {
    return restartPolicy;
  }

  public void setRestartPolicy(RestartPolicy restartPolicy) {
    this.restartPolicy = restartPolicy;
  }

  public Boolean getSuspend() {
    return suspend;
  }

  public void setSuspend(Boolean suspend) {
    this.suspend = suspend;
  }

  public SparkPodSpec getDriver() {
    return driver;
  }

  public void setDriver(SparkPodSpec driver) {
    this.driver = driver;
  }

  public SparkPodSpec getExecutor() {
    return executor;
  }

  public void setExecutor(SparkPodSpec executor) {
    this.executor = executor;
  }
}
