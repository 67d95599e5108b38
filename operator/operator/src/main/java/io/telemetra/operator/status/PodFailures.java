package io.telemetra.operator.status;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Why pods cannot run, as a pure function of their container statuses: a crash loop, an image that
 * cannot be pulled, a container the runtime cannot create. A Deployment reports none of these until
 * its progress deadline (ten minutes by default) has passed; the kubelet reports them at once.
 */
final class PodFailures {

  /** Waiting reasons of the kubelet that do not resolve by waiting. */
  static final Set<String> WAITING_FAILURES =
      Set.of(
          "CrashLoopBackOff",
          "ImagePullBackOff",
          "ErrImagePull",
          "InvalidImageName",
          "CreateContainerConfigError",
          "CreateContainerError",
          "RunContainerError");

  private PodFailures() {}

  /** The first failing container of these pods (by pod name), described for a condition. */
  static Optional<String> of(List<Pod> pods) {
    return pods.stream()
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .flatMap(PodFailures::failures)
        .findFirst();
  }

  /**
   * The first pod the scheduler cannot place (its PodScheduled condition False with reason
   * Unschedulable), with the scheduler's message. Not a failure: a cluster autoscaler may add the
   * node; but "0/2 replicas ready" alone would not say why.
   */
  static Optional<String> unschedulable(List<Pod> pods) {
    return pods.stream()
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .filter(p -> p.getStatus() != null && p.getStatus().getConditions() != null)
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .flatMap(
            pod ->
                pod.getStatus().getConditions().stream()
                    .filter(c -> "PodScheduled".equals(c.getType()))
                    .filter(c -> "False".equals(c.getStatus()))
                    .filter(c -> "Unschedulable".equals(c.getReason()))
                    .map(
                        c ->
                            "pod "
                                + pod.getMetadata().getName()
                                + " is Unschedulable: "
                                + Optional.ofNullable(c.getMessage()).orElse("no node fits it")))
        .findFirst();
  }

  private static Stream<String> failures(Pod pod) {
    if (pod.getStatus() == null || pod.getMetadata().getDeletionTimestamp() != null) {
      return Stream.empty();
    }
    return Stream.of(
            pod.getStatus().getInitContainerStatuses(), pod.getStatus().getContainerStatuses())
        .filter(java.util.Objects::nonNull)
        .flatMap(List::stream)
        .flatMap(c -> failure(pod, c).stream());
  }

  private static Optional<String> failure(Pod pod, ContainerStatus container) {
    ContainerStateWaiting waiting =
        Optional.ofNullable(container.getState()).map(ContainerState::getWaiting).orElse(null);
    if (waiting == null || !WAITING_FAILURES.contains(waiting.getReason())) {
      return Optional.empty();
    }
    StringBuilder text =
        new StringBuilder("pod ")
            .append(pod.getMetadata().getName())
            .append(": container ")
            .append(container.getName())
            .append(" is ")
            .append(waiting.getReason());
    int restarts = Optional.ofNullable(container.getRestartCount()).orElse(0);
    ContainerStateTerminated last =
        Optional.ofNullable(container.getLastState())
            .map(ContainerState::getTerminated)
            .orElse(null);
    if (restarts > 0 || last != null) {
      text.append(" (restarted ").append(restarts).append(restarts == 1 ? " time" : " times");
      if (last != null && last.getExitCode() != null) {
        text.append(", last exit code ").append(last.getExitCode());
        if (last.getReason() != null) {
          text.append(" (").append(last.getReason()).append(')');
        }
      }
      text.append(')');
    } else if (waiting.getMessage() != null && !waiting.getMessage().isBlank()) {
      text.append(": ").append(waiting.getMessage());
    }
    return Optional.of(text.toString());
  }
}
