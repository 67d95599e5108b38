package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** The optional synthetic event producer (a demo and load generator). */
@ValidationRule(
    value = "!self.enabled || has(self.image)",
    message = "spec.producer.image is required when spec.producer.enabled is true",
    fieldPath = ".image")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProducerSpec {

  @Default("false")
  @JsonPropertyDescription("Run the producer.")
  private Boolean enabled = false;

  @Pattern("^\\S+$")
  @JsonPropertyDescription("Container image of the producer.")
  private String image;

  @Default("200")
  @Min(1)
  @Max(1000000)
  @JsonPropertyDescription("Events per second, all types together.")
  private Integer ratePerSecond = 200;

  @Default("8")
  @Min(1)
  @Max(100000)
  @JsonPropertyDescription("Number of simulated live streams.")
  private Integer streams = 8;

  @JsonPropertyDescription(
      "Labels, annotations, scheduling, extra env, volumes and sidecars for the producer pod.")
  private WorkloadPodTemplate template;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public Integer getRatePerSecond() {
    return ratePerSecond;
  }

  public void setRatePerSecond(Integer ratePerSecond) {
    this.ratePerSecond = ratePerSecond;
  }

  public Integer getStreams() {
    return streams;
  }

  public void setStreams(Integer streams) {
    this.streams = streams;
  }

  public WorkloadPodTemplate getTemplate() {
    return template;
  }

  public void setTemplate(WorkloadPodTemplate template) {
    this.template = template;
  }
}
