package io.telemetra.operator.streaming;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.telemetra.operator.spark.ApplicationState;
import io.telemetra.operator.spark.SparkApplication;
import io.telemetra.operator.spark.SparkApplicationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works around a stall of the Kubeflow Spark operator (seen with v2.4.0 on the real-cluster tier):
 * when the spec changes while it runs spark-submit, the application goes INVALIDATING, its new
 * driver pod is deleted and the application lands in PENDING_RERUN; that reconcile finds the pod
 * "still exists", returns without a requeue, and the pod's deletion does not enqueue the
 * application again, so it sits in PENDING_RERUN with no pod until the next resync (hours). Any
 * update of the object makes the Spark operator look again; so once the application has stayed
 * unchanged (same resourceVersion) in PENDING_RERUN with none of its pods left for a minute,
 * Telemetra touches an annotation. Not sooner: PENDING_RERUN is also the state during spark-submit,
 * before the new driver pod exists, and an update then makes the Spark operator's status write
 * conflict and leave a running driver behind an application stuck in PENDING_RERUN (seen on the
 * real-cluster tier with a 0 s delay).
 */
public final class StalledRerun {

  public static final String NUDGED_AT = "telemetra.io/rerun-nudged-at";
  static final Duration STALLED_AFTER = Duration.ofSeconds(60);
  private static final Logger log = LoggerFactory.getLogger(StalledRerun.class);

  private record Seen(String resourceVersion, Instant since) {}

  private final Map<String, Seen> pendingSince = new ConcurrentHashMap<>();

  /**
   * Whether {@code app} sits in PENDING_RERUN while none of its pods is left (the stall), in which
   * case its annotation is touched so the Spark operator reconciles it again.
   *
   * @param podsLeft how many pods of the streaming job exist, terminating ones included
   */
  public boolean nudgeIfStalled(
      KubernetesClient client, SparkApplication app, int podsLeft, Clock clock) {
    String key = app.getMetadata().getNamespace() + "/" + app.getMetadata().getName();
    if (!pendingRerun(app) || podsLeft > 0) {
      pendingSince.remove(key);
      return false;
    }
    String version = app.getMetadata().getResourceVersion();
    Seen seen = pendingSince.get(key);
    if (seen == null || !seen.resourceVersion().equals(version)) {
      pendingSince.put(key, new Seen(version, clock.instant()));
      return false;
    }
    if (seen.since().plus(STALLED_AFTER).isAfter(clock.instant())) {
      return false;
    }
    pendingSince.remove(key);
    String now = clock.instant().toString();
    try {
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
    } catch (KubernetesClientException e) {
      // The Spark operator changed it meanwhile (or it is gone): it is moving, or the next
      // reconcile (10 s later while the job is not running) looks again.
      log.debug("Nudging {} failed: {}", app.getMetadata().getName(), e.getMessage());
      return false;
    }
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
}
