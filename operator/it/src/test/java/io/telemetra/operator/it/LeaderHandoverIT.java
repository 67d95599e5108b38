package io.telemetra.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of the packaged operator, as the chart runs them with {@code replicas: 2}, on the
 * real API server: the leader hands over when it is stopped, and exits when it loses the lease.
 */
class LeaderHandoverIT {

  @RegisterExtension static final RealApiServer API = new RealApiServer();

  private static final String LEASE = "telemetra-operator-lease";
  private static final Duration START = Duration.ofMinutes(2);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void aStoppedLeaderHandsTheLeaseToTheStandbyAtOnce() throws Exception {
    KubernetesClient client = API.client();
    try (OperatorProcess a = OperatorProcess.start(API, dir, "a", 300)) {
      a.awaitLeading(client, "operator-a", START);
      try (OperatorProcess b = OperatorProcess.start(API, dir, "b", 300)) {
        b.awaitStarted(START);
        handOver(client, a, b);
      }
    }
  }

  private static void handOver(KubernetesClient client, OperatorProcess a, OperatorProcess b)
      throws Exception {
    a.terminate(Duration.ofSeconds(30)); // a rollout or a drained node
    long stopped = System.nanoTime();
    long leading = b.awaitLeading(client, "operator-b", Duration.ofSeconds(30));
    System.out.printf(
        "leader stopped -> standby holds the lease: %d ms%n", (leading - stopped) / 1_000_000);

    // a released lease is taken at the standby's next try (every 2 s, up to 1.2x jitter); one
    // left to expire only 10 s after the leader's last renewal
    assertThat(Duration.ofNanos(leading - stopped)).isLessThan(Duration.ofSeconds(7));
    assertThat(a.log()).contains("Released the leader lease default/" + LEASE);

    // and the new leader reconciles
    String namespace = API.createNamespace("handover");
    client.resource(Manifests.validWith("metadata: {name: after}")).inNamespace(namespace).create();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> observedGeneration(client, namespace, "after") == 1L);
  }

  @Test
  void aLeaderThatLosesTheLeaseExits() throws Exception {
    KubernetesClient client = API.client();
    try (OperatorProcess a = OperatorProcess.start(API, dir, "c", 300)) {
      a.awaitLeading(client, "operator-c", START);

      // another replica's claim, as after a partition from the API server longer than the lease;
      // retried when the leader's renewal (every 2 s) changed the Lease in between (409 Conflict)
      await()
          .atMost(Duration.ofSeconds(20))
          .ignoreExceptionsInstanceOf(KubernetesClientException.class)
          .until(
              () -> {
                client
                    .leases()
                    .inNamespace("default")
                    .withName(LEASE)
                    .edit(
                        (Lease lease) -> {
                          lease.getSpec().setHolderIdentity("elsewhere");
                          lease.getSpec().setLeaseDurationSeconds(600);
                          lease.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
                          return lease;
                        });
                return true;
              });

      assertThat(a.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
      assertThat(a.log()).contains("Lost the leader lease default/" + LEASE);
      assertThat(client.leases().inNamespace("default").withName(LEASE).get())
          .extracting(lease -> lease.getSpec().getHolderIdentity())
          .isEqualTo("elsewhere");
    } finally {
      client.leases().inNamespace("default").withName(LEASE).delete();
    }
  }

  private static long observedGeneration(KubernetesClient client, String namespace, String name) {
    var pipeline =
        client
            .genericKubernetesResources("telemetra.io/v1alpha1", "TelemetraPipeline")
            .inNamespace(namespace)
            .withName(name)
            .get();
    Object status = pipeline.getAdditionalProperties().get("status");
    if (status instanceof Map<?, ?> map && map.get("observedGeneration") instanceof Number n) {
      return n.longValue();
    }
    return -1;
  }
}
