package io.telemetra.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kubelet's reasons a pod cannot run, read long before a Deployment's progress deadline. */
class PodFailuresTest {

  static Pod pod(String name, ContainerStatus container) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewStatus()
        .withContainerStatuses(container)
        .endStatus()
        .build();
  }

  static ContainerStatus crashLooping(int restarts, int exitCode) {
    return new ContainerStatusBuilder()
        .withName("api")
        .withRestartCount(restarts)
        .withNewState()
        .withNewWaiting()
        .withReason("CrashLoopBackOff")
        .withMessage("back-off 20s restarting failed container=api")
        .endWaiting()
        .endState()
        .withNewLastState()
        .withNewTerminated()
        .withExitCode(exitCode)
        .withReason("Error")
        .endTerminated()
        .endLastState()
        .build();
  }

  static ContainerStatus running() {
    return new ContainerStatusBuilder()
        .withName("api")
        .withNewState()
        .withNewRunning()
        .endRunning()
        .endState()
        .build();
  }

  @Test
  void aCrashLoopIsReportedWithItsRestartsAndExitCode() {
    List<Pod> pods =
        List.of(pod("demo-api-old", running()), pod("demo-api-new", crashLooping(2, 3)));

    assertThat(PodFailures.of(pods))
        .hasValue(
            "pod demo-api-new: container api is CrashLoopBackOff (restarted 2 times, last exit"
                + " code 3 (Error))");
  }

  @Test
  void anImageThatCannotBePulledIsReportedWithTheKubeletsMessage() {
    ContainerStatus pulling =
        new ContainerStatusBuilder()
            .withName("api")
            .withNewState()
            .withNewWaiting()
            .withReason("ErrImagePull")
            .withMessage("failed to resolve reference \"ghcr.io/telemetra/api:nope\"")
            .endWaiting()
            .endState()
            .build();

    assertThat(PodFailures.of(List.of(pod("demo-api-x", pulling))))
        .hasValue(
            "pod demo-api-x: container api is ErrImagePull: failed to resolve reference"
                + " \"ghcr.io/telemetra/api:nope\"");
  }

  @Test
  void startingAndRunningPodsAreNoFailure() {
    ContainerStatus creating =
        new ContainerStatusBuilder()
            .withName("api")
            .withNewState()
            .withNewWaiting()
            .withReason("ContainerCreating")
            .endWaiting()
            .endState()
            .build();

    assertThat(PodFailures.of(List.of(pod("a", creating), pod("b", running())))).isEmpty();
  }

  @Test
  void aPodTheSchedulerCannotPlaceIsNamedWithTheSchedulersMessage() {
    Pod pending =
        new PodBuilder()
            .withNewMetadata()
            .withName("demo-api-7f9c")
            .endMetadata()
            .withNewStatus()
            .withPhase("Pending")
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("False")
            .withReason("Unschedulable")
            .withMessage("0/1 nodes are available: 1 Insufficient memory.")
            .endCondition()
            .endStatus()
            .build();

    assertThat(PodFailures.unschedulable(List.of(pod("b", running()), pending)))
        .hasValue(
            "pod demo-api-7f9c is Unschedulable: 0/1 nodes are available: 1 Insufficient memory.");
    assertThat(PodFailures.of(List.of(pending))).as("not a failure: a node may be added").isEmpty();
    assertThat(PodFailures.unschedulable(List.of(pod("b", running())))).isEmpty();
  }
}
