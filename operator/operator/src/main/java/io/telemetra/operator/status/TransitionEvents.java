package io.telemetra.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Records a Kubernetes Event on the pipeline whenever one of its conditions flips, and for what the
 * operator did; a repeat of a recent identical event is counted on it ({@link EventRecorder}).
 */
public final class TransitionEvents {

  private final EventRecorder recorder;

  public TransitionEvents(Clock clock) {
    this.recorder = new EventRecorder(clock);
  }

  /**
   * Emits one Event per condition whose status differs between the two lists, and one per new
   * checkpoint reset or data loss the job recorded (its message names the latest).
   */
  public void record(
      KubernetesClient client,
      TelemetraPipeline pipeline,
      List<Condition> before,
      List<Condition> after) {
    for (Condition now : after) {
      Optional<Condition> was = Conditions.find(before, now.getType());
      boolean flipped =
          !Objects.equals(was.map(Condition::getStatus).orElse(null), now.getStatus());
      boolean anotherIncident =
          ConditionType.trueIsAbnormal(now.getType())
              && "True".equals(now.getStatus())
              && !Objects.equals(was.map(Condition::getMessage).orElse(null), now.getMessage());
      if (flipped && !isQuietStart(was, now) || anotherIncident) {
        emit(client, pipeline, now);
      }
    }
  }

  /** An incident condition appearing as False says nothing happened: no event. */
  private static boolean isQuietStart(Optional<Condition> was, Condition now) {
    return was.isEmpty()
        && ConditionType.trueIsAbnormal(now.getType())
        && "False".equals(now.getStatus());
  }

  /** Normal for a part that became ready; Warning for one that did not, and for an incident. */
  private static String typeOf(Condition condition) {
    boolean isTrue = "True".equals(condition.getStatus());
    return ConditionType.trueIsAbnormal(condition.getType()) == isTrue ? "Warning" : "Normal";
  }

  private void emit(KubernetesClient client, TelemetraPipeline pipeline, Condition condition) {
    recorder.record(
        client,
        pipeline,
        typeOf(condition),
        condition.getReason(),
        EventAction.ofCondition(condition.getType()),
        condition.getType() + "=" + condition.getStatus() + ": " + condition.getMessage());
  }

  /**
   * An event for something the operator did rather than a condition flip: {@code
   * StreamingResubmitted}, a Warning, when it resubmitted a failed run of the streaming job.
   */
  public void resubmitted(
      KubernetesClient client, TelemetraPipeline pipeline, String applicationName, String how) {
    recorder.record(
        client,
        pipeline,
        "Warning",
        "StreamingResubmitted",
        EventAction.RESUBMIT_STREAMING_JOB,
        "SparkApplication " + applicationName + " resubmitted after its run ended " + how);
  }

  /**
   * {@code DataDropped} (Normal) or {@code DataRetained} (Warning) when a pipeline with
   * deletionPolicy Delete is deleted.
   */
  public void deleted(
      KubernetesClient client,
      TelemetraPipeline pipeline,
      String type,
      String reason,
      String message) {
    recorder.record(client, pipeline, type, reason, EventAction.DELETE, message);
  }
}
