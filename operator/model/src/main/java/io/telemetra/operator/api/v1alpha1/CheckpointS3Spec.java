package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/**
 * The S3-compatible object store behind an {@code s3a://} checkpoint location: where it is and the
 * credentials to use, by Secret reference only. Left out, s3a talks to AWS S3 with the AWS default
 * credential chain (IRSA, instance profile).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CheckpointS3Spec {

  @Pattern("^https?://\\S+$")
  @JsonPropertyDescription(
      "Endpoint URL of the store, e.g. http://seaweedfs.storage.svc:8333; unset means AWS S3.")
  private String endpoint;

  @Pattern("^[a-z0-9-]+$")
  @JsonPropertyDescription("Region of the bucket (AWS S3; S3-compatible stores mostly ignore it).")
  private String region;

  @Default("false")
  @JsonPropertyDescription(
      "Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT (most S3-compatible stores"
          + " need true).")
  private Boolean pathStyleAccess = false;

  @JsonPropertyDescription(
      "Secret with the access key id and secret access key, given to the driver and executors as"
          + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (secretKeyRef); unset means the AWS"
          + " default credential chain.")
  private S3CredentialsSecretRef credentialsSecretRef;

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public Boolean getPathStyleAccess() {
    return pathStyleAccess;
  }

  public void setPathStyleAccess(Boolean pathStyleAccess) {
    this.pathStyleAccess = pathStyleAccess;
  }

  public S3CredentialsSecretRef getCredentialsSecretRef() {
    return credentialsSecretRef;
  }

  public void setCredentialsSecretRef(S3CredentialsSecretRef credentialsSecretRef) {
    this.credentialsSecretRef = credentialsSecretRef;
  }
}
