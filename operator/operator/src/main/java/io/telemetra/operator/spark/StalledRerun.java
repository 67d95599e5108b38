package io.telemetra.operator.spark;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works around a stall of the Kubeflow Spark operator (seen with v2.4.0 on the real-cluster tier):
 * when the spec changes while it runs spark-submit, the application goes INVALIDATING, its new
 * driver pod is deleted and the application lands in PENDING_RERUN; that reconcile finds the pod
 * "still exists", returns without a requeue, and the pod's deletion does not enqueue the
 * application again, so it sits in PENDING_RERUN with no pod until the next resync (hours). Any
 * update of the object makes the Spark operator look again; so once the application is in
 * PENDING_RERUN with none of its pods left, Telemetra touches an annotation (at most every 30 s).
 * In the Spark operator's normal flow PENDING_RERUN lasts one reconcile, so this never races it.
 */
public final class StalledRerun {

  public static final String NUDGED_AT = "telemetra.io/rerun-nudged-at";
  static final Duration MIN_INTERVAL = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(StalledRerun.class);

  private StalledRerun() {}

  /**
   * Whether {@code app} sits in PENDING_RERUN while none of its pods is left (the stall), in which
   * case its annotation is touched so the Spark operator reconciles it again.
   *
   * @param podsLeft how many pods of the streaming job exist, terminating ones included
   */
  public static boolean nudgeIfStalled(
      KubernetesClient client, SparkApplication app, int podsLeft, Clock clock) {
    if (!pendingRerun(app) || podsLeft > 0 || nudgedRecently(app, clock)) {
      return false;
    }
    String now = clock.instant().toString();
    client
        .resources(SparkApplication.class)
        .inNamespace(app.getMetadata().getNamespace())
        .withName(app.getMetadata().getName())
        .edit(
            a -> {
              Map<String, String> annotations = new HashMap<>();
              if (a.getMetadata().getAnnotations() != null) {
                annotations.putAll(a.getMetadata().getAnnotations());
              }
              annotations.put(NUDGED_AT, now);
              a.getMetadata().setAnnotations(annotations);
              return a;
            });
    log.info(
        "SparkApplication {}/{} sits in PENDING_RERUN with no pod left; nudged the Spark operator",
        app.getMetadata().getNamespace(),
        app.getMetadata().getName());
    return true;
  }

  /** Whether the Spark operator says PENDING_RERUN (cheap: no pods are read for other states). */
  public static boolean pendingRerun(SparkApplication app) {
    return "PENDING_RERUN"
        .equals(
            Optional.ofNullable(app.getStatus())
                .map(SparkApplicationStatus::getApplicationState)
                .map(ApplicationState::getState)
                .orElse(""));
  }

  private static boolean nudgedRecently(SparkApplication app, Clock clock) {
    String last =
        app.getMetadata().getAnnotations() == null
            ? null
            : app.getMetadata().getAnnotations().get(NUDGED_AT);
    if (last == null) {
      return false;
    }
    try {
      return Instant.parse(last).plus(MIN_INTERVAL).isAfter(clock.instant());
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
