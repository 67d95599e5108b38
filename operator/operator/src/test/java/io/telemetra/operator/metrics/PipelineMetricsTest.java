package io.telemetra.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.telemetra.operator.api.v1alpha1.IncidentStatus;
import io.telemetra.operator.api.v1alpha1.Phase;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.api.v1alpha1.TelemetraPipelineStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PipelineMetrics metrics = new PipelineMetrics(registry);

  @Test
  void eachPipelineHasItsOwnSeriesWhichFollowItsStatusAndGoWithIt() {
    TelemetraPipeline a = pipeline("a");
    TelemetraPipeline b = pipeline("b");
    metrics.record(a, status(Phase.Provisioning, "False", null));
    metrics.record(b, status(Phase.Running, "True", 3L));

    assertThat(condition("a")).isZero();
    assertThat(condition("b")).isEqualTo(1.0);
    assertThat(phase("b", Phase.Running)).isEqualTo(1.0);
    assertThat(phase("b", Phase.Provisioning)).isZero();
    assertThat(
            registry.find("telemetra.pipeline.checkpoint.resets").tag("name", "b").gauge().value())
        .isEqualTo(3.0);
    assertThat(registry.find("telemetra.pipeline.checkpoint.resets").tag("name", "a").gauge())
        .as("no incident recorded, no series")
        .isNull();

    metrics.record(a, status(Phase.Running, "True", null));
    assertThat(condition("a")).isEqualTo(1.0);
    assertThat(phase("a", Phase.Running)).isEqualTo(1.0);
    assertThat(phase("a", Phase.Provisioning)).isZero();

    metrics.reconciled(b, java.time.Duration.ofMillis(250));
    assertThat(
            registry.find("telemetra.pipeline.reconcile.seconds").tag("name", "b").gauge().value())
        .isEqualTo(0.25);

    metrics.forget(b);
    assertThat(registry.find("telemetra.pipeline.condition").tag("name", "b").gauges()).isEmpty();
    assertThat(registry.find("telemetra.pipeline.phase").tag("name", "b").gauges()).isEmpty();
    assertThat(registry.find("telemetra.pipeline.checkpoint.resets").gauges()).isEmpty();
    assertThat(registry.find("telemetra.pipeline.reconcile.seconds").gauges()).isEmpty();
    assertThat(condition("a")).as("the other pipeline keeps its series").isEqualTo(1.0);
  }

  @Test
  void theDeadLettersAndTheNewestWindowFollowTheDataFlow() {
    TelemetraPipeline a = pipeline("a");
    TelemetraPipelineStatus status = status(Phase.Running, "True", null);
    metrics.record(a, status);
    assertThat(registry.find("telemetra.pipeline.dead.letters").gauge())
        .as("Kafka not polled yet, no series")
        .isNull();

    status.setDataFlow(
        new io.telemetra.operator.api.v1alpha1.DataFlowStatus(
            1000L,
            7L,
            25L,
            null,
            List.of(
                new io.telemetra.operator.api.v1alpha1.QueryProgress(
                    "telemetra-windows", 3, "2026-12-07T10:00:02Z", "2026-12-07T10:00:00Z"),
                new io.telemetra.operator.api.v1alpha1.QueryProgress(
                    "telemetra-ingest", 4, "2026-12-07T10:00:03Z"))));
    metrics.record(a, status);
    assertThat(registry.find("telemetra.pipeline.dead.letters").tag("name", "a").gauge().value())
        .isEqualTo(7.0);
    assertThat(
            registry
                .find("telemetra.pipeline.consumer.lag.records")
                .tag("name", "a")
                .gauge()
                .value())
        .isEqualTo(25.0);
    assertThat(
            registry
                .find("telemetra.pipeline.newest.window.end.seconds")
                .tag("name", "a")
                .gauge()
                .value())
        .isEqualTo(java.time.Instant.parse("2026-12-07T10:00:00Z").getEpochSecond());
  }

  @Test
  void eachPolledPartHasItsLastProbeTimeUntilThePipelineIsGone() {
    TelemetraPipeline a = pipeline("a");
    metrics.probed(a, "topics", java.time.Instant.ofEpochSecond(1000));
    metrics.probed(a, "schema", java.time.Instant.ofEpochSecond(1010));
    metrics.probed(a, "topics", java.time.Instant.ofEpochSecond(1030));

    assertThat(
            registry
                .find("telemetra.pipeline.last.probe.seconds")
                .tags("name", "a", "part", "topics")
                .gauge()
                .value())
        .isEqualTo(1030.0);
    assertThat(
            registry
                .find("telemetra.pipeline.last.probe.seconds")
                .tags("name", "a", "part", "schema")
                .gauge()
                .value())
        .isEqualTo(1010.0);

    metrics.forget(a);
    assertThat(registry.find("telemetra.pipeline.last.probe.seconds").gauges()).isEmpty();
  }

  private double condition(String name) {
    return registry
        .find("telemetra.pipeline.condition")
        .tags("name", name, "type", "Ready")
        .gauge()
        .value();
  }

  private double phase(String name, Phase phase) {
    return registry
        .find("telemetra.pipeline.phase")
        .tags("name", name, "phase", phase.name())
        .gauge()
        .value();
  }

  private static TelemetraPipeline pipeline(String name) {
    TelemetraPipeline p = new TelemetraPipeline();
    p.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName(name).build());
    return p;
  }

  private static TelemetraPipelineStatus status(Phase phase, String ready, Long resets) {
    TelemetraPipelineStatus status = new TelemetraPipelineStatus();
    status.setPhase(phase);
    status.setConditions(
        List.of(new ConditionBuilder().withType("Ready").withStatus(ready).build()));
    if (resets != null) {
      IncidentStatus incident = new IncidentStatus();
      incident.setCount(resets);
      status.setCheckpointResets(incident);
    }
    return status;
  }
}
