package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** CPU and memory of the Spark driver pod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SparkDriverSpec {

  @Default("1")
  @Min(1)
  @Max(64)
  @JsonPropertyDescription("Driver CPU cores.")
  private Integer cores = 1;

  @Default("1g")
  @Pattern("^[0-9]+[kmgt]?$")
  @JsonPropertyDescription("Driver JVM heap in Spark notation, e.g. 512m or 2g.")
  private String memory = "1g";

  @JsonPropertyDescription(
      "Labels, annotations, scheduling, extra env, volumes and sidecars for the Spark driver pod.")
  private WorkloadPodTemplate template;

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
