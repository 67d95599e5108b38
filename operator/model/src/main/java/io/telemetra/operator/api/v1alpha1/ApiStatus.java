package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The API Deployment as observed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApiStatus {

  @JsonPropertyDescription("Number of API pods ready to serve.")
  private Integer readyReplicas;

  @JsonPropertyDescription(
      "Ready out of desired API pods, e.g. 1/2 (the API column of kubectl get; 0 desired while"
          + " suspended).")
  private String replicas;

  @JsonPropertyDescription("In-cluster URL of the API Service.")
  private String url;

  public ApiStatus() {}

  public ApiStatus(int readyReplicas, int desiredReplicas, String url) {
    this.readyReplicas = readyReplicas;
    this.replicas = readyReplicas + "/" + desiredReplicas;
    this.url = url;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiStatus a
        && Objects.equals(readyReplicas, a.readyReplicas)
        && Objects.equals(replicas, a.replicas)
        && Objects.equals(url, a.url);
  }

  @Override
  public int hashCode() {
    return Objects.hash(readyReplicas, replicas, url);
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public String getReplicas() {
    return replicas;
  }

  public void setReplicas(String replicas) {
    this.replicas = replicas;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }
}
