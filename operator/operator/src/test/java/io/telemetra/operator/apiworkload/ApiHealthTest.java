package io.telemetra.operator.apiworkload;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.telemetra.operator.api.v1alpha1.ApiAutoscalingSpec;
import io.telemetra.operator.api.v1alpha1.ApiSpec;
import io.telemetra.operator.status.PartState;
import io.telemetra.operator.status.Reason;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ApiReady follows the rollout of the current Deployment spec, not any ready pod. */
class ApiHealthTest {

  static DeploymentBuilder deployment(String name, long generation, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withGeneration(generation)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .endSpec();
  }

  static Deployment rolledOut(int replicas) {
    return deployment("basic-api", 4, replicas)
        .withStatus(
            new DeploymentStatusBuilder()
                .withObservedGeneration(4L)
                .withReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .withAvailableReplicas(replicas)
                .withReadyReplicas(replicas)
                .build())
        .build();
  }

  @Test
  void withAutoscalingTheWantedCountIsTheAutoscalersWithinItsBounds() {
    ApiSpec api = new ApiSpec();
    api.setReplicas(2);
    ApiAutoscalingSpec autoscaling = new ApiAutoscalingSpec();
    autoscaling.setMinReplicas(3);
    autoscaling.setMaxReplicas(8);

    assertThat(ApiHealth.wanted(api, Optional.of(rolledOut(5)))).as("fixed count").isEqualTo(2);
    api.setAutoscaling(autoscaling);
    assertThat(ApiHealth.wanted(api, Optional.of(rolledOut(5)))).as("scaled to 5").isEqualTo(5);
    assertThat(ApiHealth.wanted(api, Optional.of(rolledOut(1))))
        .as("before the autoscaler raised the default to its minimum")
        .isEqualTo(3);
    assertThat(ApiHealth.wanted(api, Optional.of(rolledOut(12))))
        .as("a count from before autoscaling, above its maximum")
        .isEqualTo(8);
    assertThat(ApiHealth.wanted(api, Optional.empty())).isEqualTo(3);
    assertThat(ApiHealth.of(rolledOut(1), ApiHealth.wanted(api, Optional.of(rolledOut(1)))).ready())
        .isFalse();
  }

  @Test
  void anAutoscalerThatCannotScaleIsNamedWithoutMakingTheServingApiUnready() {
    PartState ready = ApiHealth.of(rolledOut(2), 2);
    HorizontalPodAutoscaler scaling =
        new HorizontalPodAutoscalerBuilder()
            .withNewStatus()
            .withDesiredReplicas(2)
            .addNewCondition()
            .withType("AbleToScale")
            .withStatus("True")
            .withReason("SucceededGetScale")
            .endCondition()
            .addNewCondition()
            .withType("ScalingActive")
            .withStatus("True")
            .withReason("ValidMetricFound")
            .endCondition()
            .endStatus()
            .build();
    HorizontalPodAutoscaler blind =
        new HorizontalPodAutoscalerBuilder(scaling)
            .editStatus()
            .editLastCondition()
            .withStatus("False")
            .withReason("FailedGetResourceMetric")
            .withMessage("the HPA was unable to compute the replica count: no metrics")
            .endCondition()
            .endStatus()
            .build();

    assertThat(ApiHealth.withAutoscaler(ready, Optional.empty())).isEqualTo(ready);
    assertThat(ApiHealth.withAutoscaler(ready, Optional.of(scaling))).isEqualTo(ready);
    PartState named = ApiHealth.withAutoscaler(ready, Optional.of(blind));
    assertThat(named.ready()).isTrue();
    assertThat(named.reason()).isEqualTo(Reason.ReplicasReady);
    assertThat(named.message())
        .isEqualTo(
            "2/2 replicas ready; the autoscaler cannot scale: FailedGetResourceMetric (the HPA was"
                + " unable to compute the replica count: no metrics)");
  }

  @Test
  void aCompletedRolloutIsReady() {
    PartState api = ApiHealth.of(rolledOut(2), 2);

    assertThat(api.ready()).isTrue();
    assertThat(api.message()).isEqualTo("2/2 replicas ready");
  }

  @Test
  void readyPodsOfThePreviousVersionDoNotMakeANewCrashLoopingVersionReady() {
    Deployment crashLooping =
        deployment("basic-api", 5, 2)
            .withStatus(
                new DeploymentStatusBuilder()
                    .withObservedGeneration(5L)
                    .withReplicas(3)
                    .withUpdatedReplicas(1)
                    .withReadyReplicas(2)
                    .withAvailableReplicas(2)
                    .build())
            .build();

    PartState api = ApiHealth.of(crashLooping, 2);

    assertThat(api.ready()).isFalse();
    assertThat(api.reason()).isEqualTo(Reason.ReplicasNotReady);
    assertThat(api.message())
        .isEqualTo("2/2 replicas ready, 1 updated, 2 available, 2 of the previous version");
  }

  @Test
  void aDeploymentSpecTheControllerHasNotObservedYetIsNotReady() {
    Deployment stale = rolledOut(2);
    stale.getMetadata().setGeneration(5L);

    PartState api = ApiHealth.of(stale, 2);

    assertThat(api.ready()).isFalse();
    assertThat(api.message()).startsWith("rollout not yet picked up by the Deployment controller");
  }

  @Test
  void aDeploymentNotYetScaledToTheWantedReplicasIsNotReady() {
    assertThat(ApiHealth.of(rolledOut(2), 3).ready()).isFalse();
  }

  @Test
  void aRolloutPastItsProgressDeadlineIsAFailureWithTheDeploymentsMessage() {
    Deployment stuck = rolledOut(2);
    stuck.getStatus().setUpdatedReplicas(1);
    stuck.getStatus().setReplicas(3);
    stuck
        .getStatus()
        .setConditions(
            List.of(
                new DeploymentConditionBuilder()
                    .withType("Progressing")
                    .withStatus("False")
                    .withReason("ProgressDeadlineExceeded")
                    .withMessage("ReplicaSet \"basic-api-7d9\" has timed out progressing.")
                    .build()));

    PartState api = ApiHealth.of(stuck, 2);

    assertThat(api.failed()).isTrue();
    assertThat(api.reason()).isEqualTo(Reason.RolloutFailed);
    assertThat(api.message())
        .isEqualTo(
            "ProgressDeadlineExceeded: ReplicaSet \"basic-api-7d9\" has timed out progressing."
                + " (2/2 replicas ready, 1 updated, 2 available, 2 of the previous version)");
  }

  @Test
  void podsTheReplicaSetCannotCreateAreAFailure() {
    Deployment forbidden = rolledOut(2);
    forbidden.getStatus().setReadyReplicas(0);
    forbidden
        .getStatus()
        .setConditions(
            List.of(
                new DeploymentConditionBuilder()
                    .withType("ReplicaFailure")
                    .withStatus("True")
                    .withReason("FailedCreate")
                    .withMessage("pods \"basic-api-x\" is forbidden: exceeded quota")
                    .build()));

    PartState api = ApiHealth.of(forbidden, 2);

    assertThat(api.reason()).isEqualTo(Reason.RolloutFailed);
    assertThat(api.message()).startsWith("FailedCreate: pods \"basic-api-x\" is forbidden");
  }

  @Test
  void suspendedOnlyOnceTheApiAndTheProducerHaveNoPodLeft() {
    Deployment api = rolledOut(0);
    Deployment producer = deployment("basic-producer", 2, 0).build();
    producer.setStatus(
        new DeploymentStatusBuilder().withObservedGeneration(2L).withReplicas(1).build());

    PartState stopping = ApiHealth.suspended(List.of(api, producer));
    producer.getStatus().setReplicas(0);
    PartState stopped = ApiHealth.suspended(List.of(api, producer));

    assertThat(stopping.reason()).isEqualTo(Reason.Suspending);
    assertThat(stopping.message()).isEqualTo("scaling to zero: basic-producer (1 pods)");
    assertThat(stopped.reason()).isEqualTo(Reason.Suspended);
  }

  @Test
  void aDeploymentStillAskedToRunReplicasIsNotSuspended() {
    assertThat(ApiHealth.suspended(List.of(rolledOut(2))).reason()).isEqualTo(Reason.Suspending);
  }
}
