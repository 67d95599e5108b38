package io.telemetra.operator;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.telemetra.operator.config.OperatorSettings;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's claim on the leader Lease. JOSDK runs the election; this class adds what it leaves
 * out: a replica that shuts down (a rollout, a drained node: SIGTERM) hands the Lease over at once,
 * as client-go's {@code ReleaseOnCancel} does, instead of leaving the standby to wait for it to
 * expire (a lease duration, 10 s by default). A replica that loses the Lease while running still
 * exits, so two replicas never reconcile at the same time.
 */
final class LeaderLease {

  private static final Logger log = LoggerFactory.getLogger(LeaderLease.class);

  private final String name;
  private final String namespace;
  private final String identity;
  private final AtomicBoolean stepping = new AtomicBoolean();

  private LeaderLease(String name, String namespace, String identity) {
    this.name = name;
    this.namespace = namespace;
    this.identity = identity;
  }

  /**
   * The lease of {@code settings} for this replica: its identity is the pod's name (HOSTNAME), or a
   * random one; the namespace defaults to the client's (the pod's).
   */
  static LeaderLease of(OperatorSettings settings, KubernetesClient client, String hostname) {
    String identity =
        hostname == null || hostname.isBlank() ? UUID.randomUUID().toString() : hostname;
    String namespace =
        Optional.ofNullable(settings.leaseNamespace())
            .orElseGet(() -> client.getConfiguration().getNamespace());
    return new LeaderLease(settings.leaseName(), namespace, identity);
  }

  LeaderElectionConfiguration configuration(OperatorSettings.LeaseTimings timings) {
    return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(name)
        .withLeaseNamespace(namespace)
        .withIdentity(identity)
        .withLeaseDuration(timings.leaseDuration())
        .withRenewDeadline(timings.renewDeadline())
        .withRetryPeriod(timings.retryPeriod())
        // JOSDK would System.exit from inside our shutdown hook (a JVM that never ends); exiting
        // is decided here instead
        .withExitOnStopLeading(false)
        .withLeaderCallbacks(new LeaderCallbacks(() -> {}, this::stoppedLeading, leader -> {}))
        .build();
  }

  private void stoppedLeading() {
    if (stepping.get()) {
      return;
    }
    log.error(
        "Lost the leader lease {}/{} (not renewed in time); exiting so that only the replica"
            + " that holds it reconciles",
        namespace,
        name);
    // not on this thread: the shutdown that exit starts waits for the operator's threads
    Thread exit = new Thread(() -> System.exit(1), "lost-leader-lease");
    exit.start();
  }

  /** From now on, losing the lease is this replica's own doing: stopping, not a lost election. */
  void stepDown() {
    stepping.set(true);
  }

  /**
   * Hands the lease over if this replica still holds it: no holder and a one-second duration, so a
   * standby takes it at its next try. Call after the controllers stopped.
   */
  void release(KubernetesClient client) {
    try {
      Lease lease = client.leases().inNamespace(namespace).withName(name).get();
      if (lease == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
        return;
      }
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
      lease.getSpec().setHolderIdentity(null);
      lease.getSpec().setLeaseDurationSeconds(1);
      lease.getSpec().setRenewTime(now);
      lease.getSpec().setAcquireTime(now);
      // the resourceVersion read above: a standby that took the lease meanwhile keeps it
      client.resource(lease).update();
      log.info("Released the leader lease {}/{}; a standby takes over now", namespace, name);
    } catch (KubernetesClientException e) {
      log.warn(
          "Could not release the leader lease {}/{} ({}); a standby takes it when it expires",
          namespace,
          name,
          e.getMessage());
    }
  }
}
