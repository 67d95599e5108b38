package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A HorizontalPodAutoscaler for the API, created and owned by Telemetra: it scales the API
 * Deployment between {@code minReplicas} and {@code maxReplicas} on CPU, and the operator leaves
 * the Deployment's replica count to it (spec.api.replicas is then ignored).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.minReplicas <= self.maxReplicas",
    message = "spec.api.autoscaling.minReplicas must not exceed maxReplicas",
    fieldPath = ".minReplicas")
public class ApiAutoscalingSpec {

  @Default("2")
  @Min(1)
  @Max(100)
  @JsonPropertyDescription(
      "The fewest API pods the autoscaler keeps (a PodDisruptionBudget is added above 1).")
  private Integer minReplicas = 2;

  @Required
  @Min(1)
  @Max(100)
  @JsonPropertyDescription("The most API pods the autoscaler may run.")
  private Integer maxReplicas;

  @Default("70")
  @Min(1)
  @Max(100)
  @JsonPropertyDescription(
      "Average CPU use of the API pods, in percent of their CPU request, the autoscaler aims at.")
  private Integer targetCPUUtilizationPercentage = 70;

  public Integer getMinReplicas() {
    return minReplicas;
  }

  public void setMinReplicas(Integer minReplicas) {
    this.minReplicas = minReplicas;
  }

  public Integer getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(Integer maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  public Integer getTargetCPUUtilizationPercentage() {
    return targetCPUUtilizationPercentage;
  }

  public void setTargetCPUUtilizationPercentage(Integer targetCPUUtilizationPercentage) {
    this.targetCPUUtilizationPercentage = targetCPUUtilizationPercentage;
  }
}
