package io.telemetra.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.telemetra.embedded.Ports;
import io.telemetra.operator.config.OperatorSettings;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RATE_LIMIT_RECONCILES / RATE_LIMIT_PERIOD_SECONDS (chart: rateLimit.*): a pipeline whose objects
 * change faster than the limit is reconciled at the limit.
 */
@EnableKubernetesMockClient(crud = true)
class ReconcileRateLimitMockTest {

  static final String NS = "team-flapping";

  KubernetesClient client;

  @ParameterizedTest(name = "limit {0} per minute: at most {1} reconciles per controller")
  @CsvSource({"0, 100", "3, 3"})
  void aPipelineWhoseSecretFlapsIsReconciledAtMostAtTheLimit(int limit, int atMost)
      throws Exception {
    OperatorSettings settings =
        OperatorSettings.fromEnvironment(
            Map.of(
                "LEADER_ELECTION_ENABLED", "false",
                "HEALTH_PORT", "-1",
                "RATE_LIMIT_RECONCILES", String.valueOf(limit),
                "RATE_LIMIT_PERIOD_SECONDS", "60"));
    try (TelemetraOperator operator = TestingOperator.startOnMockServer(client, settings)) {
      client
          .resource(
              TestingPipelines.basic(
                  "flapping", NS, "127.0.0.1:" + Ports.free(), "127.0.0.1", Ports.free()))
          .create();
      Secret secret = TestingPipelines.postgresSecret(NS, "telemetra");
      for (int change = 0; change < 12; change++) {
        secret.getMetadata().setResourceVersion(null);
        secret.getMetadata().setAnnotations(Map.of("change", String.valueOf(change)));
        client.resource(secret).createOr(s -> s.update());
        Thread.sleep(400);
      }
      Thread.sleep(2_000);

      double reconciles =
          operator.registry().find("operator.sdk.reconciliations.started").counters().stream()
              .mapToDouble(c -> c.count())
              .sum();
      // both controllers (pipeline and deletion policy) reconcile the pipeline
      assertThat(reconciles).isLessThanOrEqualTo(atMost * 2);
      if (limit == 0) {
        assertThat(reconciles).as("without a limit every change reconciles").isGreaterThan(6);
      }
    }
  }
}
