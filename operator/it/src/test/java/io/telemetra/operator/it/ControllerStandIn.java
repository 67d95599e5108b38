package io.telemetra.operator.it;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the status subresources that controllers absent here would write: the Deployment
 * controller with its kubelets, and the Kubeflow Spark operator.
 */
public final class ControllerStandIn {

  private final KubernetesClient client;

  public ControllerStandIn(KubernetesClient client) {
    this.client = client;
  }

  /** The Deployment's pods are all up: status as the Deployment controller reports it. */
  public void deploymentReady(String namespace, String name) {
    retryingConflicts(() -> writeDeploymentReady(namespace, name));
  }

  private void writeDeploymentReady(String namespace, String name) {
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            d -> {
              int replicas = d.getSpec().getReplicas();
              d.setStatus(
                  new DeploymentStatusBuilder()
                      .withObservedGeneration(d.getMetadata().getGeneration())
                      .withReplicas(replicas)
                      .withUpdatedReplicas(replicas)
                      .withReadyReplicas(replicas)
                      .withAvailableReplicas(replicas)
                      .build());
              return d;
            });
  }

  /**
   * The Spark operator reports {@code state} (RUNNING, FAILED...) for the SparkApplication's
   * current submission (a first one if it has none).
   */
  public void sparkApplicationState(String namespace, String name, String state, String error) {
    report(namespace, name, state, error, false);
  }

  /** The Spark operator submitted the application again (new submissionID) and reports it. */
  public void sparkApplicationResubmitted(String namespace, String name, String state) {
    report(namespace, name, state, null, true);
  }

  private void report(
      String namespace, String name, String state, String error, boolean resubmitted) {
    retryingConflicts(() -> writeState(namespace, name, state, error, resubmitted));
  }

  /**
   * Runs a read-modify-write of a status again when the object changed in between (409), as a
   * controller does: the operator may be writing the same object at that moment.
   */
  static void retryingConflicts(Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }

  private void writeState(
      String namespace, String name, String state, String error, boolean resubmitted) {
    client
        .genericKubernetesResources("sparkoperator.k8s.io/v1beta2", "SparkApplication")
        .inNamespace(namespace)
        .withName(name)
        .editStatus(app -> withState(app, name, state, error, resubmitted));
  }

  private static GenericKubernetesResource withState(
      GenericKubernetesResource app, String name, String state, String error, boolean resubmitted) {
    Object previous =
        app.getAdditionalProperties().get("status") instanceof Map<?, ?> old
            ? old.get("submissionID")
            : null;
    Map<String, Object> applicationState = new LinkedHashMap<>();
    applicationState.put("state", state);
    if (error != null) {
      applicationState.put("errorMessage", error);
    }
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("applicationState", applicationState);
    status.put("driverInfo", Map.of("podName", name + "-driver", "webUIPort", 4040));
    status.put("sparkApplicationId", "spark-" + app.getMetadata().getUid().substring(0, 8));
    status.put(
        "submissionID", resubmitted || previous == null ? UUID.randomUUID().toString() : previous);
    status.put("submissionAttempts", 1);
    status.put("executionAttempts", 1);
    app.getAdditionalProperties().put("status", status);
    return app;
  }
}
