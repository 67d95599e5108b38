package io.telemetra.operator.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The operator's Kubernetes client: fabric8's, reading managed fields as shared trees. */
public final class OperatorClient {

  private OperatorClient() {}

  /** A client builder as the operator uses it; add a config (else the usual discovery). */
  public static KubernetesClientBuilder builder() {
    ObjectMapper mapper = new ObjectMapper().registerModule(new SharedManagedFields());
    return new KubernetesClientBuilder()
        .withKubernetesSerialization(new KubernetesSerialization(mapper, true));
  }
}
