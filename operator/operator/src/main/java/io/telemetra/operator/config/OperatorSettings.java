package io.telemetra.operator.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's own settings, from the environment: WATCH_NAMESPACES (comma-separated, empty =
 * all), LEADER_ELECTION_ENABLED (default true), LEADER_ELECTION_LEASE_NAME
 * (telemetra-operator-lease), LEADER_ELECTION_LEASE_NAMESPACE (the pod's namespace by default),
 * HEALTH_PORT (8081: /healthz, /readyz and /metrics), RECONCILE_THREADS (10), RESYNC_SECONDS (300:
 * every pipeline is reconciled at least this often, which is when rotated Secrets are seen).
 */
public record OperatorSettings(
    Set<String> watchNamespaces,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    int healthPort,
    int reconcileThreads,
    Duration resync) {

  /** The settings with every pipeline reconciled at least every {@code resync}. */
  public OperatorSettings withResync(Duration resync) {
    return new OperatorSettings(
        watchNamespaces,
        leaderElection,
        leaseName,
        leaseNamespace,
        healthPort,
        reconcileThreads,
        resync);
  }

  public static OperatorSettings fromEnvironment(Map<String, String> env) {
    Set<String> namespaces =
        Arrays.stream(env.getOrDefault("WATCH_NAMESPACES", "").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    return new OperatorSettings(
        namespaces,
        Boolean.parseBoolean(env.getOrDefault("LEADER_ELECTION_ENABLED", "true")),
        env.getOrDefault("LEADER_ELECTION_LEASE_NAME", "telemetra-operator-lease"),
        env.get("LEADER_ELECTION_LEASE_NAMESPACE"),
        Integer.parseInt(env.getOrDefault("HEALTH_PORT", "8081")),
        Integer.parseInt(env.getOrDefault("RECONCILE_THREADS", "10")),
        Duration.ofSeconds(Long.parseLong(env.getOrDefault("RESYNC_SECONDS", "300"))));
  }

  /** Whether every namespace is watched. */
  public boolean watchesAllNamespaces() {
    return watchNamespaces.isEmpty();
  }
}
