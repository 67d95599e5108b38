package io.telemetra.operator.spark;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.Map;

/**
 * The driver or executor part of a SparkApplication spec (the fields Telemetra sets). Environment
 * and security context travel in {@link #getTemplate() the pod template}, which the Spark operator
 * hands to spark-submit itself; its {@code env} and {@code securityContext} fields are applied only
 * by its optional mutating webhook, so on a cluster without the webhook they would be dropped.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SparkPodSpec {

  private Integer cores;
  private String memory;
  private Integer instances;
  private String serviceAccount;
  private Map<String, String> labels;
  private PodTemplateSpec template;

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

  public Integer getInstances() {
    return instances;
  }

  public void setInstances(Integer instances) {
    this.instances = instances;
  }

  public String getServiceAccount() {
    return serviceAccount;
  }

  public void setServiceAccount(String serviceAccount) {
    this.serviceAccount = serviceAccount;
  }

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public PodTemplateSpec getTemplate() {
    return template;
  }

  public void setTemplate(PodTemplateSpec template) {
    this.template = template;
  }
}
