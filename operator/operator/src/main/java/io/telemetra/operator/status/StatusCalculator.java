package io.telemetra.operator.status;

import static io.telemetra.operator.status.ConditionType.API_READY;
import static io.telemetra.operator.status.ConditionType.CHECKPOINT_RESET;
import static io.telemetra.operator.status.ConditionType.KAFKA_DATA_LOSS;
import static io.telemetra.operator.status.ConditionType.READY;
import static io.telemetra.operator.status.ConditionType.RECONCILIATION_PAUSED;
import static io.telemetra.operator.status.ConditionType.SCHEMA_READY;
import static io.telemetra.operator.status.ConditionType.STREAMING_READY;
import static io.telemetra.operator.status.ConditionType.TOPICS_READY;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.telemetra.operator.api.v1alpha1.CheckpointSnapshot;
import io.telemetra.operator.api.v1alpha1.DataFlowStatus;
import io.telemetra.operator.api.v1alpha1.IncidentStatus;
import io.telemetra.operator.api.v1alpha1.Phase;
import io.telemetra.operator.api.v1alpha1.StreamingStatus;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.api.v1alpha1.TelemetraPipelineStatus;
import io.telemetra.operator.streaming.DataFlow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/** Turns an {@link Observation} into the pipeline's status: conditions, phase and details. */
public final class StatusCalculator {

  static final List<String> PARTS = List.of(TOPICS_READY, SCHEMA_READY, STREAMING_READY, API_READY);

  /** The parts that run something; the pipeline is Suspended once both report Suspended. */
  static final List<String> WORKLOADS = List.of(STREAMING_READY, API_READY);

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final Clock clock;

  public StatusCalculator(Clock clock) {
    this.clock = clock;
  }

  /**
   * The status {@code seen} makes. It is computed at one instant: a running-since, a transition
   * time and a stall measured at different moments could straddle a second, and the next identical
   * observation would then rewrite the status.
   */
  public TelemetraPipelineStatus statusFor(TelemetraPipeline pipeline, Observation seen) {
    return new StatusCalculator(Clock.fixed(clock.instant(), ZoneOffset.UTC))
        .statusAtOneInstant(pipeline, seen);
  }

  private TelemetraPipelineStatus statusAtOneInstant(TelemetraPipeline pipeline, Observation seen) {
    TelemetraPipelineStatus old =
        Optional.ofNullable(pipeline.getStatus()).orElseGet(TelemetraPipelineStatus::new);
    long generation = Optional.ofNullable(pipeline.getMetadata().getGeneration()).orElse(0L);
    List<PartState> parts = new ArrayList<>();
    Map<String, Long> observedGeneration = new HashMap<>();
    for (String type : PARTS) {
      PartState part = seen.parts.get(type);
      if (part == null) {
        part = previous(old.getConditions(), type);
        Conditions.find(old.getConditions(), type)
            .map(Condition::getObservedGeneration)
            .ifPresent(g -> observedGeneration.put(type, g));
      }
      parts.add(part);
    }
    withLikelyCause(parts);
    boolean suspend = Boolean.TRUE.equals(pipeline.getSpec().getSuspend());
    DataFlowStatus dataFlow =
        DataFlow.next(
            old.getDataFlow(),
            seen.inputRecords,
            seen.deadLetters,
            seen.queries,
            DataFlow.slack(pipeline),
            Instant.now(clock));
    DataFlow.state(
            dataFlow,
            suspend ? Optional.empty() : runningSince(parts, old.getConditions()),
            DataFlow.stallAfter(pipeline),
            Instant.now(clock))
        .ifPresent(parts::add);
    PartState ready = overall(parts, suspend, seen.reconcileError);
    List<PartState> all = new ArrayList<>();
    all.add(ready);
    all.addAll(parts);

    TelemetraPipelineStatus status = new TelemetraPipelineStatus();
    status.setObservedGeneration(generation);
    status.setConditions(
        Conditions.of(
            all,
            old.getConditions(),
            type -> observedGeneration.getOrDefault(type, generation),
            clock));
    status.setTopics(seen.topics != null ? seen.topics : old.getTopics());
    status.setSchema(seen.schema != null ? seen.schema : old.getSchema());
    status.setStreaming(
        streaming(
            seen.streaming != null ? seen.streaming : old.getStreaming(),
            seen.snapshots,
            old.getStreaming()));
    status.setApi(seen.api != null ? seen.api : old.getApi());
    status.setDataFlow(dataFlow);
    status.setCheckpointResets(
        seen.checkpointResets != null ? seen.checkpointResets : old.getCheckpointResets());
    status.setKafkaDataLoss(
        seen.kafkaDataLoss != null ? seen.kafkaDataLoss : old.getKafkaDataLoss());
    incident(
            CHECKPOINT_RESET,
            status.getCheckpointResets(),
            Reason.NoCheckpointReset,
            "every batch so far came from the checkpoint each query started with",
            Reason.CheckpointReplaced,
            count -> count == 1 ? "1 checkpoint reset" : count + " checkpoint resets",
            "every batch of the new checkpoint is written, but events it did not read again are"
                + " missing from their windows (docs/operations.md)",
            old.getConditions(),
            generation)
        .ifPresent(status.getConditions()::add);
    incident(
            KAFKA_DATA_LOSS,
            status.getKafkaDataLoss(),
            Reason.NoKafkaDataLoss,
            "every record in Kafka was read before it was deleted",
            Reason.RecordsDeletedBeforeRead,
            count -> count + (count == 1 ? " record" : " records") + " lost",
            "they are missing from every table; keep the topics' retention longer than the job"
                + " can be down (docs/operations.md)",
            old.getConditions(),
            generation)
        .ifPresent(status.getConditions()::add);
    status.setPhase(phase(parts, ready, suspend, status));
    return status;
  }

  /**
   * A crash-looping job's likely cause, when the operator's own probes see one: Kafka or Postgres
   * failing (the job exits when it cannot reach them), named in StreamingReady's message.
   */
  private static final String LIKELY_CAUSE = "; likely cause: ";

  private static void withLikelyCause(List<PartState> parts) {
    for (int i = 0; i < parts.size(); i++) {
      PartState streaming = parts.get(i);
      if (streaming.reason() != Reason.CrashLooping) {
        continue;
      }
      List<String> causes =
          parts.stream()
              .filter(p -> p.type().equals(TOPICS_READY) || p.type().equals(SCHEMA_READY))
              .filter(PartState::failed)
              .map(p -> p.type() + " is " + p.reason() + " (" + p.message() + ")")
              .toList();
      // A part carried over unobserved already names the cause it had.
      String message = streaming.message();
      int named = message.indexOf(LIKELY_CAUSE);
      String bare = named < 0 ? message : message.substring(0, named);
      parts.set(
          i,
          PartState.notReady(
              streaming.type(),
              streaming.reason(),
              causes.isEmpty() ? bare : bare + LIKELY_CAUSE + String.join(", ", causes)));
    }
  }

  /**
   * The status while reconciliation is paused: everything as last observed (nothing is observed or
   * written meanwhile), plus ReconciliationPaused=True. The next reconcile after the pause builds
   * the status afresh, without it.
   */
  public TelemetraPipelineStatus paused(TelemetraPipeline pipeline) {
    TelemetraPipelineStatus old =
        Optional.ofNullable(pipeline.getStatus()).orElseGet(TelemetraPipelineStatus::new);
    TelemetraPipelineStatus status = SERIALIZATION.clone(old);
    List<Condition> conditions = new ArrayList<>(old.getConditions());
    conditions.removeIf(c -> RECONCILIATION_PAUSED.equals(c.getType()));
    conditions.add(
        Conditions.of(
            RECONCILIATION_PAUSED,
            true,
            Reason.ReconciliationPaused,
            "annotation "
                + TelemetraPipeline.RECONCILE_ANNOTATION
                + ": "
                + TelemetraPipeline.RECONCILE_PAUSED
                + ": the operator changes nothing (owned objects, topics, tables) and observes"
                + " nothing; the other conditions are as last observed. Remove the annotation to"
                + " resume; drift is then repaired",
            old.getConditions(),
            Optional.ofNullable(pipeline.getMetadata().getGeneration()).orElse(0L),
            clock));
    status.setConditions(conditions);
    return status;
  }

  /**
   * A condition for what the streaming job recorded: False with {@code none} until the first
   * occurrence, then True with {@code some}, the count, the latest and what it means; absent until
   * the schema that records them was observed.
   */
  private Optional<Condition> incident(
      String type,
      IncidentStatus recorded,
      Reason none,
      String noneMessage,
      Reason some,
      LongFunction<String> counted,
      String meaning,
      List<Condition> previous,
      long generation) {
    if (recorded == null || recorded.getCount() == null) {
      return Optional.empty();
    }
    long count = recorded.getCount();
    return Optional.of(
        count == 0
            ? Conditions.of(type, false, none, noneMessage, previous, generation, clock)
            : Conditions.of(
                type,
                true,
                some,
                counted.apply(count)
                    + ", the latest at "
                    + recorded.getLastDetectedAt()
                    + ": "
                    + recorded.getLast()
                    + "; "
                    + meaning,
                previous,
                generation,
                clock));
  }

  /** Since when the streaming job runs, if it does: StreamingReady's last transition to True. */
  private Optional<Instant> runningSince(List<PartState> parts, List<Condition> previous) {
    boolean running = parts.stream().anyMatch(p -> p.type().equals(STREAMING_READY) && p.ready());
    if (!running) {
      return Optional.empty();
    }
    return Optional.of(
        Conditions.find(previous, STREAMING_READY)
            .filter(c -> "True".equals(c.getStatus()))
            .map(c -> Instant.parse(c.getLastTransitionTime()))
            // As the condition will record it (whole seconds), so the next status says the same.
            .orElseGet(() -> Instant.now(clock).truncatedTo(ChronoUnit.SECONDS)));
  }

  /**
   * The streaming status with the snapshots the schema part saw, or the ones the status listed when
   * the schema was not looked at (a poll that failed keeps them).
   */
  private static StreamingStatus streaming(
      StreamingStatus current, List<CheckpointSnapshot> seen, StreamingStatus old) {
    List<CheckpointSnapshot> snapshots =
        seen != null ? seen : old != null ? old.getSnapshots() : List.of();
    if (current == null) {
      return snapshots.isEmpty() ? null : new StreamingStatus().withSnapshots(snapshots);
    }
    return current.withSnapshots(snapshots);
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

  private static PartState overall(List<PartState> parts, boolean suspend, String error) {
    if (error != null) {
      return PartState.notReady(READY, Reason.ReconcileError, error);
    }
    if (suspend) {
      Optional<PartState> running =
          parts.stream()
              .filter(p -> WORKLOADS.contains(p.type()) && p.reason() != Reason.Suspended)
              .findFirst();
      if (running.isEmpty()) {
        return PartState.notReady(READY, Reason.Suspended, "suspended by spec.suspend");
      }
      PartState blocker =
          parts.stream().filter(PartState::failed).findFirst().orElse(running.get());
      return PartState.notReady(
          READY,
          blocker.failed() ? blocker.reason() : Reason.Suspending,
          blocker.type() + ": " + blocker.message());
    }
    List<PartState> failed = parts.stream().filter(PartState::failed).toList();
    if (!failed.isEmpty()) {
      // Every failing part, so one look at Ready (or Argo CD) shows all there is to fix.
      return PartState.notReady(
          READY,
          failed.get(0).reason(),
          String.join("; ", failed.stream().map(p -> p.type() + ": " + p.message()).toList()));
    }
    return parts.stream()
        .filter(p -> !p.ready())
        .findFirst()
        .map(p -> PartState.notReady(READY, p.reason(), p.type() + ": " + p.message()))
        .orElseGet(() -> PartState.ready(READY, Reason.AllPartsReady, "all parts are ready"));
  }

  /**
   * Suspended once the workloads are stopped (Ready's reason Suspended), Provisioning while they
   * stop; otherwise Running, Degraded or Failed (a failure while the API or the job still serves,
   * or not), Pending before anything was observed, else Provisioning.
   */
  private static Phase phase(
      List<PartState> parts, PartState ready, boolean suspend, TelemetraPipelineStatus status) {
    if (ready.reason() == Reason.Suspended) {
      return Phase.Suspended;
    }
    if (ready.ready()) {
      return Phase.Running;
    }
    if (ready.failed() || (!suspend && parts.stream().anyMatch(PartState::failed))) {
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
