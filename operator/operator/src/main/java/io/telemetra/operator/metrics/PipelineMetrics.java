package io.telemetra.operator.metrics;

import io.fabric8.kubernetes.api.model.Condition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.telemetra.operator.api.v1alpha1.DataFlowStatus;
import io.telemetra.operator.api.v1alpha1.IncidentStatus;
import io.telemetra.operator.api.v1alpha1.Phase;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.api.v1alpha1.TelemetraPipelineStatus;
import io.telemetra.operator.streaming.DataFlow;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each pipeline's status as Prometheus gauges, so alerts need no kubectl: {@code
 * telemetra_pipeline_condition{namespace,name,type}} (1 True, 0 False), {@code
 * telemetra_pipeline_phase{namespace,name,phase}} (1 for the current phase), and what the streaming
 * job recorded, {@code telemetra_pipeline_checkpoint_resets} and {@code
 * telemetra_pipeline_kafka_lost_records}, the records it refused, {@code
 * telemetra_pipeline_dead_letters} (its {@code rate()} is the rejects per second), the records it
 * has not read yet, {@code telemetra_pipeline_consumer_lag_records}, the end of the newest window
 * it wrote, {@code telemetra_pipeline_newest_window_end_seconds} (Unix time: {@code time() -} it is
 * how far the dashboard is behind), how long its last reconciliation took, {@code
 * telemetra_pipeline_reconcile_seconds}, and when each polled part was last polled, {@code
 * telemetra_pipeline_last_probe_seconds{part}} (topics, schema). Updated with every status the
 * operator computes (and every poll) and dropped when the pipeline is deleted.
 */
public final class PipelineMetrics {

  private record Key(String namespace, String name) {}

  /** One time series: a metric and its tags. */
  private record Series(String metric, Tags tags) {}

  /** A series' current value and its gauge. */
  private static final class Value {
    volatile double value;
    Meter.Id id;
  }

  private static final String CONDITION = "telemetra.pipeline.condition";
  private static final String PHASE = "telemetra.pipeline.phase";
  private static final String CHECKPOINT_RESETS = "telemetra.pipeline.checkpoint.resets";
  private static final String KAFKA_LOST_RECORDS = "telemetra.pipeline.kafka.lost.records";
  private static final String RECONCILE_SECONDS = "telemetra.pipeline.reconcile.seconds";
  private static final String DEAD_LETTERS = "telemetra.pipeline.dead.letters";
  private static final String NEWEST_WINDOW_END = "telemetra.pipeline.newest.window.end.seconds";
  private static final String CONSUMER_LAG = "telemetra.pipeline.consumer.lag.records";
  private static final String LAST_PROBE = "telemetra.pipeline.last.probe.seconds";
  private static final Map<String, String> DESCRIPTIONS =
      Map.of(
          CONDITION, "1 when the pipeline's condition of this type is True, 0 when False",
          PHASE, "1 for the pipeline's current phase",
          CHECKPOINT_RESETS,
              "Checkpoint resets nobody asked for, as the streaming job recorded them",
          KAFKA_LOST_RECORDS, "Records deleted from Kafka before the streaming job read them",
          RECONCILE_SECONDS, "How long the pipeline's last reconciliation took",
          DEAD_LETTERS, "Records in the pipeline's dead-letter topic: every record the job refused",
          CONSUMER_LAG, "Records in the event topics the streaming job has not read yet",
          LAST_PROBE,
              "When the operator last polled the part (topics: Kafka, schema: Postgres), Unix time",
          NEWEST_WINDOW_END,
              "End of the newest window the streaming job wrote, Unix time; time() minus it is how"
                  + " far the tables are behind the clock");

  private final MeterRegistry registry;

  /**
   * Each pipeline's series. A status touches only its own pipeline's series (a fleet of N pipelines
   * costs O(1) per status, not O(N)).
   */
  private final Map<Key, Map<Series, Value>> series = new ConcurrentHashMap<>();

  /** Each pipeline's last reconcile duration (kept apart: a status does not carry it). */
  private final Map<Key, Value> reconcileSeconds = new ConcurrentHashMap<>();

  /** When each pipeline's polled parts were last polled, by part. */
  private final Map<Key, Map<String, Value>> probes = new ConcurrentHashMap<>();

  public PipelineMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Metrics nobody scrapes (an operator built without a registry, e.g. in tests). */
  public static PipelineMetrics unexported() {
    return new PipelineMetrics(new SimpleMeterRegistry());
  }

  /** The status just computed for {@code pipeline}. */
  public void record(TelemetraPipeline pipeline, TelemetraPipelineStatus status) {
    Key key = key(pipeline);
    Map<Series, Double> now = rows(key, status);
    Map<Series, Value> had = series.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
    synchronized (had) {
      had.entrySet()
          .removeIf(
              old -> {
                if (now.containsKey(old.getKey())) {
                  return false;
                }
                registry.remove(old.getValue().id);
                return true;
              });
      now.forEach((one, value) -> had.computeIfAbsent(one, this::register).value = value);
    }
  }

  /** The main controller's reconciliation of {@code pipeline} took {@code duration}. */
  public void reconciled(TelemetraPipeline pipeline, Duration duration) {
    Key key = key(pipeline);
    reconcileSeconds.computeIfAbsent(
                key,
                k ->
                    register(
                        new Series(
                            RECONCILE_SECONDS,
                            Tags.of("namespace", k.namespace(), "name", k.name()))))
            .value =
        duration.toNanos() / 1e9;
  }

  /** {@code part} ("topics", "schema") of {@code pipeline} was polled {@code at}. */
  public void probed(TelemetraPipeline pipeline, String part, Instant at) {
    Key key = key(pipeline);
    probes
            .computeIfAbsent(key, k -> new ConcurrentHashMap<>())
            .computeIfAbsent(
                part,
                p ->
                    register(
                        new Series(
                            LAST_PROBE,
                            Tags.of("namespace", key.namespace(), "name", key.name(), "part", p))))
            .value =
        at.toEpochMilli() / 1000.0;
  }

  /** {@code pipeline} is gone: its series disappear. */
  public void forget(TelemetraPipeline pipeline) {
    Map<String, Value> probed = probes.remove(key(pipeline));
    if (probed != null) {
      probed.values().forEach(value -> registry.remove(value.id));
    }
    Value duration = reconcileSeconds.remove(key(pipeline));
    if (duration != null) {
      registry.remove(duration.id);
    }
    Map<Series, Value> had = series.remove(key(pipeline));
    if (had != null) {
      synchronized (had) {
        had.values().forEach(value -> registry.remove(value.id));
      }
    }
  }

  private Value register(Series one) {
    Value value = new Value();
    value.id =
        Gauge.builder(one.metric(), value, v -> v.value)
            .description(DESCRIPTIONS.get(one.metric()))
            .tags(one.tags())
            .strongReference(true)
            .register(registry)
            .getId();
    return value;
  }

  private static Map<Series, Double> rows(Key key, TelemetraPipelineStatus status) {
    Map<Series, Double> rows = new HashMap<>();
    Tags pipeline = Tags.of("namespace", key.namespace(), "name", key.name());
    for (Condition c : status.getConditions()) {
      rows.put(
          new Series(CONDITION, pipeline.and("type", c.getType())),
          "True".equals(c.getStatus()) ? 1.0 : 0.0);
    }
    if (status.getPhase() != null) {
      for (Phase phase : Phase.values()) {
        rows.put(
            new Series(PHASE, pipeline.and("phase", phase.name())),
            phase == status.getPhase() ? 1.0 : 0.0);
      }
    }
    incident(rows, CHECKPOINT_RESETS, pipeline, status.getCheckpointResets());
    incident(rows, KAFKA_LOST_RECORDS, pipeline, status.getKafkaDataLoss());
    Optional.ofNullable(status.getDataFlow())
        .map(DataFlowStatus::getDeadLetters)
        .ifPresent(count -> rows.put(new Series(DEAD_LETTERS, pipeline), count.doubleValue()));
    Optional.ofNullable(status.getDataFlow())
        .map(DataFlowStatus::getConsumerLag)
        .ifPresent(lag -> rows.put(new Series(CONSUMER_LAG, pipeline), lag.doubleValue()));
    DataFlow.newestWindowEnd(status.getDataFlow())
        .ifPresent(
            end -> rows.put(new Series(NEWEST_WINDOW_END, pipeline), end.toEpochMilli() / 1000.0));
    return rows;
  }

  private static void incident(
      Map<Series, Double> rows, String metric, Tags pipeline, IncidentStatus incident) {
    Optional.ofNullable(incident)
        .map(IncidentStatus::getCount)
        .ifPresent(count -> rows.put(new Series(metric, pipeline), count.doubleValue()));
  }

  private static Key key(TelemetraPipeline pipeline) {
    return new Key(pipeline.getMetadata().getNamespace(), pipeline.getMetadata().getName());
  }
}
