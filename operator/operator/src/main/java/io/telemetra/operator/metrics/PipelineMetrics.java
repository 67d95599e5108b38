package io.telemetra.operator.metrics;

import io.fabric8.kubernetes.api.model.Condition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.telemetra.operator.api.v1alpha1.IncidentStatus;
import io.telemetra.operator.api.v1alpha1.Phase;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.api.v1alpha1.TelemetraPipelineStatus;
import io.telemetra.operator.status.StatusComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Each pipeline's status as Prometheus gauges, so alerts need no kubectl: {@code
 * telemetra_pipeline_condition{namespace,name,type}} (1 True, 0 False), {@code
 * telemetra_pipeline_phase{namespace,name,phase}} (1 for the current phase), and what the streaming
 * job recorded, {@code telemetra_pipeline_checkpoint_resets} and {@code
 * telemetra_pipeline_kafka_lost_records}. Updated with every status the operator computes and
 * dropped when the pipeline is deleted.
 */
public final class PipelineMetrics {

  private record Key(String namespace, String name) {}

  private final Map<Key, TelemetraPipelineStatus> latest = new ConcurrentHashMap<>();
  private final MultiGauge conditions;
  private final MultiGauge phases;
  private final MultiGauge checkpointResets;
  private final MultiGauge kafkaLostRecords;

  public PipelineMetrics(MeterRegistry registry) {
    conditions =
        MultiGauge.builder("telemetra.pipeline.condition")
            .description("1 when the pipeline's condition of this type is True, 0 when False")
            .register(registry);
    phases =
        MultiGauge.builder("telemetra.pipeline.phase")
            .description("1 for the pipeline's current phase")
            .register(registry);
    checkpointResets =
        MultiGauge.builder("telemetra.pipeline.checkpoint.resets")
            .description("Checkpoint resets nobody asked for, as the streaming job recorded them")
            .register(registry);
    kafkaLostRecords =
        MultiGauge.builder("telemetra.pipeline.kafka.lost.records")
            .description("Records deleted from Kafka before the streaming job read them")
            .register(registry);
  }

  /** Metrics nobody scrapes (an operator built without a registry, e.g. in tests). */
  public static PipelineMetrics unexported() {
    return new PipelineMetrics(new SimpleMeterRegistry());
  }

  /** The status just computed for {@code pipeline}. */
  public void record(TelemetraPipeline pipeline, TelemetraPipelineStatus status) {
    TelemetraPipelineStatus previous = latest.put(key(pipeline), status);
    if (!StatusComparison.same(previous, status)) {
      publish();
    }
  }

  /** {@code pipeline} is gone: its series disappear. */
  public void forget(TelemetraPipeline pipeline) {
    if (latest.remove(key(pipeline)) != null) {
      publish();
    }
  }

  private synchronized void publish() {
    List<MultiGauge.Row<?>> conditionRows = new ArrayList<>();
    List<MultiGauge.Row<?>> phaseRows = new ArrayList<>();
    latest.forEach(
        (key, status) -> {
          Tags pipeline = Tags.of("namespace", key.namespace(), "name", key.name());
          for (Condition c : status.getConditions()) {
            conditionRows.add(
                MultiGauge.Row.of(
                    pipeline.and("type", c.getType()), "True".equals(c.getStatus()) ? 1 : 0));
          }
          if (status.getPhase() != null) {
            for (Phase phase : Phase.values()) {
              phaseRows.add(
                  MultiGauge.Row.of(
                      pipeline.and("phase", phase.name()), phase == status.getPhase() ? 1 : 0));
            }
          }
        });
    conditions.register(conditionRows, true);
    phases.register(phaseRows, true);
    checkpointResets.register(incidents(TelemetraPipelineStatus::getCheckpointResets), true);
    kafkaLostRecords.register(incidents(TelemetraPipelineStatus::getKafkaDataLoss), true);
  }

  private List<MultiGauge.Row<?>> incidents(
      Function<TelemetraPipelineStatus, IncidentStatus> which) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    latest.forEach(
        (key, status) ->
            Optional.ofNullable(which.apply(status))
                .map(IncidentStatus::getCount)
                .ifPresent(
                    count ->
                        rows.add(
                            MultiGauge.Row.of(
                                Tags.of("namespace", key.namespace(), "name", key.name()),
                                count))));
    return rows;
  }

  private static Key key(TelemetraPipeline pipeline) {
    return new Key(pipeline.getMetadata().getNamespace(), pipeline.getMetadata().getName());
  }
}
