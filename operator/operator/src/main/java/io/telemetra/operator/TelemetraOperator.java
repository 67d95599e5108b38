package io.telemetra.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.event.rate.LinearRateLimiter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.telemetra.operator.config.HealthServer;
import io.telemetra.operator.config.OperatorClient;
import io.telemetra.operator.config.OperatorSettings;
import io.telemetra.operator.metrics.PipelineMetrics;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
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
  private final Optional<LeaderLease> lease;
  private HealthServer health;

  private TelemetraOperator(
      Operator operator, PrometheusMeterRegistry registry, Optional<LeaderLease> lease) {
    this.operator = operator;
    this.registry = registry;
    this.lease = lease;
  }

  /**
   * An operator on {@code client}, not yet started. {@code overrides} can adjust JOSDK's
   * configuration (tests against the mock server turn server-side apply off).
   */
  public static TelemetraOperator create(
      KubernetesClient client,
      OperatorSettings settings,
      Consumer<ConfigurationServiceOverrider> overrides) {
    return create(client, settings, overrides, ExternalSystems.REAL);
  }

  /** The same, with the pipelines' Kafka topics and Postgres schemas on {@code systems}. */
  public static TelemetraOperator create(
      KubernetesClient client,
      OperatorSettings settings,
      Consumer<ConfigurationServiceOverrider> overrides,
      ExternalSystems systems) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Optional<LeaderLease> lease =
        settings.leaderElection()
            ? Optional.of(LeaderLease.of(settings, client, System.getenv("HOSTNAME")))
            : Optional.empty();
    PipelineMetrics metrics = new PipelineMetrics(registry);
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
                  .withConcurrentReconciliationThreads(settings.reconcileThreads())
                  .withDependentResourceFactory(systems.dependents(metrics::probed))
                  .withCloseClientOnStop(false);
              lease.ifPresent(
                  l -> o.withLeaderElectionConfiguration(l.configuration(settings.leaseTimings())));
              overrides.accept(o);
            });
    for (var reconciler :
        java.util.List.of(
            new TelemetraPipelineReconciler(Clock.systemUTC(), metrics),
            new DeletionPolicyReconciler(metrics, systems))) {
      operator.register(
          reconciler,
          c -> {
            c.withReconciliationMaxInterval(settings.resync());
            if (settings.rateLimit().limits()) {
              c.withRateLimiter(
                  new LinearRateLimiter(
                      settings.rateLimit().period(), settings.rateLimit().reconciles()));
            }
            if (!settings.watchesAllNamespaces()) {
              c.settingNamespaces(settings.watchNamespaces());
            }
          });
    }
    return new TelemetraOperator(operator, registry, lease);
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

  /**
   * Stops the controllers (reconciliations in flight finish), then hands the leader lease to a
   * standby, then stops the health server.
   */
  @Override
  public void close() {
    lease.ifPresent(LeaderLease::stepDown);
    operator.stop();
    lease.ifPresent(l -> l.release(operator.getKubernetesClient()));
    if (health != null) {
      health.close();
    }
  }

  public static void main(String[] args) throws IOException {
    OperatorSettings settings = OperatorSettings.fromEnvironment(System.getenv());
    KubernetesClient client = OperatorClient.builder().build();
    TelemetraOperator operator = create(client, settings, o -> {}).start(settings.healthPort());
    // JOSDK installs no shutdown hook when leader election is on; this one stops gracefully and
    // hands the lease over (a rollout or a drained node sends SIGTERM)
    Runtime.getRuntime().addShutdownHook(new Thread(operator::close, "shutdown"));
    log.info(
        "Telemetra operator started; namespaces={}, leaderElection={}, health port {}",
        settings.watchesAllNamespaces() ? "all" : settings.watchNamespaces(),
        settings.leaderElection(),
        settings.healthPort());
  }
}
