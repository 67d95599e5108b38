package io.telemetra.operator.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.telemetra.operator.DeletionPolicyReconciler;
import io.telemetra.operator.TelemetraPipelineReconciler;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The operator's two controllers running in the test JVM against a real API server, registered as
 * {@code TelemetraOperator.create} registers them (all namespaces, no leader election) but with a
 * short maximum reconciliation interval, so a test sees several resyncs in seconds.
 */
public final class OperatorUnderTest implements AutoCloseable {

  private final Operator operator;
  private final PrometheusMeterRegistry registry;

  private OperatorUnderTest(Operator operator, PrometheusMeterRegistry registry) {
    this.operator = operator;
    this.registry = registry;
  }

  /**
   * Starts the controllers on {@code client}; Kafka and Postgres are polled every poll interval.
   */
  public static OperatorUnderTest start(KubernetesClient client, Duration resync, Duration poll) {
    System.setProperty("TELEMETRA_KAFKA_POLL_SECONDS", String.valueOf(poll.toSeconds()));
    System.setProperty("TELEMETRA_POSTGRES_POLL_SECONDS", String.valueOf(poll.toSeconds()));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Operator operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withMetrics(
                        MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry)
                            .build())
                    .withCloseClientOnStop(false));
    List<Reconciler<TelemetraPipeline>> reconcilers =
        List.of(new TelemetraPipelineReconciler(), new DeletionPolicyReconciler());
    for (Reconciler<TelemetraPipeline> reconciler : reconcilers) {
      operator.register(reconciler, c -> c.withReconciliationMaxInterval(resync));
    }
    operator.start();
    return new OperatorUnderTest(operator, registry);
  }

  /** Reconciliations of the pipelines in {@code namespace} started so far, both controllers. */
  public double reconciliations(String namespace) {
    return counters("operator.sdk.reconciliations.started", namespace).values().stream()
        .mapToDouble(Double::doubleValue)
        .sum();
  }

  /** Failed reconciliations of the pipelines in {@code namespace} so far, by exception. */
  public Map<String, Double> failures(String namespace) {
    return counters("operator.sdk.reconciliations.failed", namespace);
  }

  private Map<String, Double> counters(String name, String namespace) {
    Map<String, Double> counts = new TreeMap<>();
    for (Counter counter : registry.find(name).tag("namespace", namespace).counters()) {
      String exception = Optional.ofNullable(counter.getId().getTag("exception")).orElse("");
      counts.merge(exception, counter.count(), Double::sum);
    }
    return counts;
  }

  @Override
  public void close() {
    operator.stop();
  }
}
