package io.telemetra.operator.status;

import static io.telemetra.operator.status.ConditionType.API_READY;
import static io.telemetra.operator.status.ConditionType.READY;
import static io.telemetra.operator.status.ConditionType.SCHEMA_READY;
import static io.telemetra.operator.status.ConditionType.STREAMING_READY;
import static io.telemetra.operator.status.ConditionType.TOPICS_READY;

import io.fabric8.kubernetes.api.model.Condition;
import io.telemetra.operator.api.v1alpha1.Phase;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.api.v1alpha1.TelemetraPipelineStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns an {@link Observation} into the pipeline's status: conditions, phase and details. */
public final class StatusCalculator {

  static final List<String> PARTS = List.of(TOPICS_READY, SCHEMA_READY, STREAMING_READY, API_READY);

  private final Clock clock;

  public StatusCalculator(Clock clock) {
    this.clock = clock;
  }

  public TelemetraPipelineStatus statusFor(TelemetraPipeline pipeline, Observation seen) {
    TelemetraPipelineStatus old =
        Optional.ofNullable(pipeline.getStatus()).orElseGet(TelemetraPipelineStatus::new);
    long generation = Optional.ofNullable(pipeline.getMetadata().getGeneration()).orElse(0L);
    List<PartState> parts = new ArrayList<>();
    for (String type : PARTS) {
      PartState part = seen.parts.get(type);
      parts.add(part != null ? part : previous(old.getConditions(), type));
    }
    boolean suspended = Boolean.TRUE.equals(pipeline.getSpec().getSuspend());
    PartState ready = overall(parts, suspended);
    List<PartState> all = new ArrayList<>();
    all.add(ready);
    all.addAll(parts);

    TelemetraPipelineStatus status = new TelemetraPipelineStatus();
    status.setObservedGeneration(generation);
    status.setConditions(Conditions.of(all, old.getConditions(), generation, clock));
    status.setTopics(seen.topics != null ? seen.topics : old.getTopics());
    status.setSchema(seen.schema != null ? seen.schema : old.getSchema());
    status.setStreaming(seen.streaming != null ? seen.streaming : old.getStreaming());
    status.setApi(seen.api != null ? seen.api : old.getApi());
    status.setPhase(phase(parts, ready, suspended, status));
    return status;
  }

  private static PartState previous(List<Condition> conditions, String type) {
    return Conditions.find(conditions, type)
        .map(c -> new PartState(type, "True".equals(c.getStatus()), reasonOf(c), c.getMessage()))
        .orElseGet(
            () -> PartState.notReady(type, Reason.WaitingForDependencies, "not reconciled yet"));
  }

  private static Reason reasonOf(Condition condition) {
    try {
      return Reason.valueOf(condition.getReason());
    } catch (RuntimeException e) {
      return Reason.WaitingForDependencies;
    }
  }

  private static PartState overall(List<PartState> parts, boolean suspended) {
    if (suspended) {
      return PartState.notReady(READY, Reason.Suspended, "suspended by spec.suspend");
    }
    Optional<PartState> blocker =
        parts.stream()
            .filter(PartState::failed)
            .findFirst()
            .or(() -> parts.stream().filter(p -> !p.ready()).findFirst());
    return blocker
        .map(p -> PartState.notReady(READY, p.reason(), p.type() + ": " + p.message()))
        .orElseGet(() -> PartState.ready(READY, Reason.AllPartsReady, "all parts are ready"));
  }

  private static Phase phase(
      List<PartState> parts, PartState ready, boolean suspended, TelemetraPipelineStatus status) {
    if (suspended) {
      return Phase.Suspended;
    }
    if (ready.ready()) {
      return Phase.Running;
    }
    if (parts.stream().anyMatch(PartState::failed)) {
      boolean somethingServes =
          (status.getApi() != null
                  && status.getApi().getReadyReplicas() != null
                  && status.getApi().getReadyReplicas() > 0)
              || (status.getStreaming() != null
                  && "RUNNING".equals(status.getStreaming().getState()));
      return somethingServes ? Phase.Degraded : Phase.Failed;
    }
    boolean nothingObserved =
        parts.stream().allMatch(p -> p.reason() == Reason.WaitingForDependencies);
    return nothingObserved ? Phase.Pending : Phase.Provisioning;
  }
}
