package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** Labels and annotations added to a workload's pods (cost allocation, service mesh, agents). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.labels) || self.labels.all(k, !k.startsWith('app.kubernetes.io/')"
            + " && !k.startsWith('telemetra.io/') && !k.startsWith('spark-')"
            + " && !k.startsWith('sparkoperator.k8s.io/'))",
    message =
        "template labels must not use the app.kubernetes.io/, telemetra.io/, spark- or"
            + " sparkoperator.k8s.io/ keys Telemetra and Spark select pods by",
    fieldPath = ".labels")
@ValidationRule(
    value = "!has(self.annotations) || self.annotations.all(k, !k.startsWith('telemetra.io/'))",
    message = "template annotations must not use the telemetra.io/ keys Telemetra sets",
    fieldPath = ".annotations")
public class TemplateMetadata {

  @Size(max = 64)
  @JsonPropertyDescription("Labels added to the pods.")
  private Map<String, String> labels;

  @Size(max = 64)
  @JsonPropertyDescription("Annotations added to the pods.")
  private Map<String, String> annotations;

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }
}
