package io.telemetra.operator.apiworkload;

import static io.telemetra.operator.status.ConditionType.API_READY;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.telemetra.operator.api.v1alpha1.ApiAutoscalingSpec;
import io.telemetra.operator.api.v1alpha1.ApiSpec;
import io.telemetra.operator.status.PartState;
import io.telemetra.operator.status.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * ApiReady from the API Deployment, as a pure function. Ready only once the Deployment controller
 * has observed the current Deployment spec and every wanted replica is updated, available and ready
 * with no pod of an older ReplicaSet left; a rollout past its progress deadline, or pods the
 * ReplicaSet cannot create, is a failure. Pod-level causes (image pulls, crash loops, scheduling)
 * are not read: the operator has no Pod informer.
 */
public final class ApiHealth {

  private ApiHealth() {}

  /**
   * How many API pods should run: spec.api.replicas, or with autoscaling the count the autoscaler
   * set on the Deployment, within its bounds (before it first acts the Deployment may hold the
   * default, 1, or a count from before autoscaling).
   */
  public static int wanted(ApiSpec api, Optional<Deployment> deployment) {
    ApiAutoscalingSpec autoscaling = api.getAutoscaling();
    if (autoscaling == null) {
      return api.getReplicas();
    }
    int set = deployment.map(Deployment::getSpec).map(DeploymentSpec::getReplicas).orElse(1);
    return Math.max(autoscaling.getMinReplicas(), Math.min(autoscaling.getMaxReplicas(), set));
  }

  /**
   * {@code api} with what keeps the autoscaler from scaling appended (its AbleToScale or
   * ScalingActive condition False: no resource metrics in the cluster, no CPU request, the
   * Deployment missing). The reason stays: the API serves, it only does not scale.
   */
  public static PartState withAutoscaler(
      PartState api, Optional<HorizontalPodAutoscaler> autoscaler) {
    return autoscaler
        .map(HorizontalPodAutoscaler::getStatus)
        .map(HorizontalPodAutoscalerStatus::getConditions)
        .orElse(List.of())
        .stream()
        .filter(c -> "False".equals(c.getStatus()))
        .filter(c -> "AbleToScale".equals(c.getType()) || "ScalingActive".equals(c.getType()))
        .findFirst()
        .map(
            c ->
                new PartState(
                    api.type(),
                    api.ready(),
                    api.reason(),
                    api.message()
                        + "; the autoscaler cannot scale: "
                        + c.getReason()
                        + " ("
                        + c.getMessage()
                        + ")"))
        .orElse(api);
  }

  /** The API part for a Deployment that should run {@code wanted} replicas. */
  public static PartState of(Deployment deployment, int wanted) {
    DeploymentStatus status =
        Optional.ofNullable(deployment.getStatus()).orElseGet(DeploymentStatus::new);
    int updated = count(status.getUpdatedReplicas());
    int available = count(status.getAvailableReplicas());
    int ready = count(status.getReadyReplicas());
    int pods = count(status.getReplicas());
    String progress =
        ready
            + "/"
            + wanted
            + " replicas ready, "
            + updated
            + " updated, "
            + available
            + " available"
            + (pods > updated ? ", " + (pods - updated) + " of the previous version" : "");
    Optional<String> failure = failure(status);
    if (failure.isPresent()) {
      return PartState.notReady(
          API_READY, Reason.RolloutFailed, failure.get() + " (" + progress + ")");
    }
    if (!observed(deployment)) {
      return PartState.notReady(
          API_READY,
          Reason.ReplicasNotReady,
          "rollout not yet picked up by the Deployment controller (" + progress + ")");
    }
    Integer specReplicas = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
    boolean rolledOut =
        Objects.equals(specReplicas, wanted)
            && updated >= wanted
            && available >= wanted
            && ready >= wanted
            && pods <= updated;
    return rolledOut
        ? PartState.ready(API_READY, Reason.ReplicasReady, ready + "/" + wanted + " replicas ready")
        : PartState.notReady(API_READY, Reason.ReplicasNotReady, progress);
  }

  /**
   * Whether these Deployments (the API and the producer) are scaled to zero with no pod left, as
   * the Suspended state of the API part.
   */
  public static PartState suspended(List<Deployment> deployments) {
    List<String> left = new ArrayList<>();
    for (Deployment d : deployments) {
      int pods = d.getStatus() == null ? 0 : count(d.getStatus().getReplicas());
      boolean scaledDown = d.getSpec() != null && Objects.equals(d.getSpec().getReplicas(), 0);
      if (!scaledDown || !observed(d) || pods > 0) {
        left.add(d.getMetadata().getName() + " (" + pods + " pods)");
      }
    }
    return left.isEmpty()
        ? PartState.notReady(API_READY, Reason.Suspended, "scaled to zero")
        : PartState.notReady(
            API_READY, Reason.Suspending, "scaling to zero: " + String.join(", ", left));
  }

  private static Optional<String> failure(DeploymentStatus status) {
    if (status.getConditions() == null) {
      return Optional.empty();
    }
    for (DeploymentCondition c : status.getConditions()) {
      boolean stuck =
          "Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason());
      boolean cannotCreate = "ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus());
      if (stuck || cannotCreate) {
        return Optional.of(c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage()));
      }
    }
    return Optional.empty();
  }

  private static boolean observed(Deployment d) {
    Long generation = d.getMetadata().getGeneration();
    Long observed = d.getStatus() == null ? null : d.getStatus().getObservedGeneration();
    return generation == null || (observed != null && observed >= generation);
  }

  private static int count(Integer n) {
    return n == null ? 0 : n;
  }
}
