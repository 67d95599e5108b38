package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Count, CPU and memory of the Spark executor pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SparkExecutorSpec {

  @Default("2")
  @Min(1)
  @Max(1000)
  @JsonPropertyDescription("Number of executors.")
  private Integer instances = 2;

  @Default("1")
  @Min(1)
  @Max(64)
  @JsonPropertyDescription("CPU cores per executor.")
  private Integer cores = 1;

  @Default("2g")
  @Pattern("^[0-9]+[kmgt]?$")
  @JsonPropertyDescription("Executor JVM heap in Spark notation, e.g. 1g.")
  private String memory = "2g";

  @JsonPropertyDescription(
      "Labels, annotations, scheduling, extra env, volumes and sidecars for the Spark executor pods.")
  private WorkloadPodTemplate template;

  public Integer getInstances() {
    return instances;
  }

  public void setInstances(Integer instances) {
    this.instances = instances;
  }

  public Integer getCores() {
    return cores;
  }

  public void setCores(Integer cores) {
    this.cores = cores;
  }

  public String getMemory() {
    return memory;
  }

  public void setMemory(String memory) {
    this.memory = memory;
  }

  public WorkloadPodTemplate getTemplate() {
    return template;
  }

  public void setTemplate(WorkloadPodTemplate template) {
    this.template = template;
  }
}
