package io.telemetra.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.telemetra.operator.config.HealthServer;
import io.telemetra.operator.config.OperatorSettings;
import io.telemetra.operator.metrics.PipelineMetrics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Telemetra operator: both TelemetraPipeline controllers, metrics, health endpoints and leader
 * election. {@link #create} builds one in-process (tests use it against the mock or a real API
 * server); {@link #main} runs it from the environment.
 */
public final class TelemetraOperator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TelemetraOperator.class);

  private final Operator operator;
  private final PrometheusMeterRegistry registry;
  private HealthServer health;

  private TelemetraOperator(Operator operator, PrometheusMeterRegistry registry) {
    this.operator = operator;
    this.registry = registry;
  }

  /**
   * An operator on {@code client}, not yet started. {@code overrides} can adjust JOSDK's
   * configuration (tests against the mock server turn server-side apply off).
   */
  public static TelemetraOperator create(
      KubernetesClient client,
      OperatorSettings settings,
      Consumer<ConfigurationServiceOverrider> overrides) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
                  .withConcurrentReconciliationThreads(settings.reconcileThreads())
                  .withCloseClientOnStop(false);
              if (settings.leaderElection()) {
                var timings = settings.leaseTimings();
                o.withLeaderElectionConfiguration(
                    LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
                            settings.leaseName())
                        .withLeaseNamespace(settings.leaseNamespace())
                        .withLeaseDuration(timings.leaseDuration())
                        .withRenewDeadline(timings.renewDeadline())
                        .withRetryPeriod(timings.retryPeriod())
                        .build());
              }
              overrides.accept(o);
            });
    PipelineMetrics metrics = new PipelineMetrics(registry);
    for (var reconciler :
        java.util.List.of(
            new TelemetraPipelineReconciler(Clock.systemUTC(), metrics),
            new DeletionPolicyReconciler(metrics))) {
      operator.register(
          reconciler,
          c -> {
            c.withReconciliationMaxInterval(settings.resync());
            if (!settings.watchesAllNamespaces()) {
              c.settingNamespaces(settings.watchNamespaces());
            }
          });
    }
    return new TelemetraOperator(operator, registry);
  }

  /** Starts the controllers (and, with a port >= 0, the health server). */
  public TelemetraOperator start(int healthPort) throws IOException {
    if (healthPort >= 0) {
      health = HealthServer.start(healthPort, operator, registry);
    }
    operator.start();
    return this;
  }

  public Operator operator() {
    return operator;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    operator.stop();
    if (health != null) {
      health.close();
    }
  }

  public static void main(String[] args) throws IOException {
    OperatorSettings settings = OperatorSettings.fromEnvironment(System.getenv());
    KubernetesClient client = new KubernetesClientBuilder().build();
    TelemetraOperator operator = create(client, settings, o -> {}).start(settings.healthPort());
    operator.operator().installShutdownHook(Duration.ofSeconds(30));
    log.info(
        "Telemetra operator started; namespaces={}, leaderElection={}, health port {}",
        settings.watchesAllNamespaces() ? "all" : settings.watchNamespaces(),
        settings.leaderElection(),
        settings.healthPort());
  }
}
