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
 * LEADER_ELECTION_LEASE_DURATION_SECONDS (10: a standby takes over this long after the leader's
 * last renewal), LEADER_ELECTION_RENEW_DEADLINE_SECONDS (7), LEADER_ELECTION_RETRY_PERIOD_SECONDS
 * (2), HEALTH_PORT (8081: /healthz, /readyz and /metrics), RECONCILE_THREADS (10), RESYNC_SECONDS
 * (300: every pipeline is reconciled at least this often, a safety net behind the watches),
 * RATE_LIMIT_RECONCILES and RATE_LIMIT_PERIOD_SECONDS (20 per 10 s: a pipeline whose objects change
 * faster is reconciled again when the period ends, not lost; 0 turns the limit off).
 */
public record OperatorSettings(
    Set<String> watchNamespaces,
    boolean leaderElection,
    String leaseName,
    String leaseNamespace,
    LeaseTimings leaseTimings,
    int healthPort,
    int reconcileThreads,
    Duration resync,
    RateLimit rateLimit) {

  /**
   * At most {@code reconciles} reconciliations of one pipeline per {@code period}: a pipeline whose
   * objects flap (another controller fighting over a field) cannot take every reconcile thread; the
   * events beyond the limit are reconciled when the period ends. {@code reconciles} 0: no limit.
   */
  public record RateLimit(int reconciles, Duration period) {

    public static final RateLimit DEFAULT = new RateLimit(20, Duration.ofSeconds(10));

    public RateLimit {
      if (reconciles < 0 || period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException(
            "rate limit needs reconciles >= 0 and a positive period, got "
                + reconciles
                + " per "
                + period.toSeconds()
                + " s");
      }
    }

    public boolean limits() {
      return reconciles > 0;
    }
  }

  /**
   * How the leader keeps its Lease: a standby takes over {@code leaseDuration} after the last
   * renewal, trying every {@code retryPeriod}; a leader that cannot renew within {@code
   * renewDeadline} stops (and exits, so it restarts as a standby).
   */
  public record LeaseTimings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {

    /**
     * Shorter than client-go's and JOSDK's 15/10/2 s, so that a standby takes over a dead leader
     * (SIGKILL, a lost node) within ~10–12 s, inside the 15 s failover budget; the leader still has
     * three tries to renew before it gives up. A stopped leader releases the Lease at once ({@code
     * LeaderLease}), whatever these are.
     */
    public static final LeaseTimings DEFAULT =
        new LeaseTimings(Duration.ofSeconds(10), Duration.ofSeconds(7), Duration.ofSeconds(2));

    public LeaseTimings {
      if (!(!retryPeriod.isNegative()
          && !retryPeriod.isZero()
          && retryPeriod.compareTo(renewDeadline) < 0
          && renewDeadline.compareTo(leaseDuration) < 0)) {
        throw new IllegalArgumentException(
            "leader election needs retry period < renew deadline < lease duration, got "
                + retryPeriod.toSeconds()
                + " s, "
                + renewDeadline.toSeconds()
                + " s, "
                + leaseDuration.toSeconds()
                + " s");
      }
    }
  }

  /** The settings with every pipeline reconciled at least every {@code resync}. */
  public OperatorSettings withResync(Duration resync) {
    return new OperatorSettings(
        watchNamespaces,
        leaderElection,
        leaseName,
        leaseNamespace,
        leaseTimings,
        healthPort,
        reconcileThreads,
        resync,
        rateLimit);
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
        new LeaseTimings(
            seconds(
                env,
                "LEADER_ELECTION_LEASE_DURATION_SECONDS",
                LeaseTimings.DEFAULT.leaseDuration()),
            seconds(
                env,
                "LEADER_ELECTION_RENEW_DEADLINE_SECONDS",
                LeaseTimings.DEFAULT.renewDeadline()),
            seconds(
                env, "LEADER_ELECTION_RETRY_PERIOD_SECONDS", LeaseTimings.DEFAULT.retryPeriod())),
        Integer.parseInt(env.getOrDefault("HEALTH_PORT", "8081")),
        Integer.parseInt(env.getOrDefault("RECONCILE_THREADS", "10")),
        Duration.ofSeconds(Long.parseLong(env.getOrDefault("RESYNC_SECONDS", "300"))),
        new RateLimit(
            Integer.parseInt(
                env.getOrDefault(
                    "RATE_LIMIT_RECONCILES", String.valueOf(RateLimit.DEFAULT.reconciles()))),
            seconds(env, "RATE_LIMIT_PERIOD_SECONDS", RateLimit.DEFAULT.period())));
  }

  private static Duration seconds(Map<String, String> env, String name, Duration fallback) {
    String value = env.get(name);
    return value == null || value.isBlank()
        ? fallback
        : Duration.ofSeconds(Long.parseLong(value.strip()));
  }

  /** Whether every namespace is watched. */
  public boolean watchesAllNamespaces() {
    return watchNamespaces.isEmpty();
  }
}
