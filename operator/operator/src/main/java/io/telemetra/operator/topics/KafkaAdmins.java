package io.telemetra.operator.topics;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * Long-lived Kafka admin clients, one per distinct set of client properties (bootstrap servers,
 * security settings and credentials): every pipeline on one Kafka cluster with the same credentials
 * shares one client, its connections and its metadata, instead of a new client (threads, sockets, a
 * metadata round trip, a TLS or SASL handshake) for every poll. A client unused for {@link #IDLE}
 * is closed, so a rotated credential or a pipeline moved to another cluster leaves nothing behind.
 * Admin clients are thread-safe and reconnect on their own.
 */
final class KafkaAdmins {

  static final Duration IDLE = Duration.ofMinutes(10);

  /** The clients of this process. */
  static final KafkaAdmins SHARED = new KafkaAdmins(System::currentTimeMillis);

  private record Pooled(Admin admin, long lastUsed) {}

  private final LongSupplier clock;
  private final Map<String, Pooled> admins = new ConcurrentHashMap<>();

  /** Clients timed by {@code clock}, milliseconds. */
  KafkaAdmins(LongSupplier clock) {
    this.clock = clock;
  }

  /** The client for {@code properties}, made on first use. */
  Admin forProperties(Properties properties) {
    closeIdle();
    long now = clock.getAsLong();
    return admins
        .compute(
            key(properties),
            (k, pooled) ->
                new Pooled(pooled == null ? Admin.create(properties) : pooled.admin(), now))
        .admin();
  }

  /** Clients open now. */
  int size() {
    return admins.size();
  }

  private void closeIdle() {
    long idleSince = clock.getAsLong() - IDLE.toMillis();
    for (String key : admins.keySet()) {
      // atomic with forProperties: a client handed out now is never closed
      admins.computeIfPresent(
          key,
          (k, pooled) -> {
            if (pooled.lastUsed() >= idleSince) {
              return pooled;
            }
            pooled.admin().close(Duration.ZERO);
            return null;
          });
    }
  }

  /** The properties in a canonical order: equal settings give one key (held in memory only). */
  private static String key(Properties properties) {
    Map<String, String> sorted = new TreeMap<>();
    properties.forEach((k, v) -> sorted.put(String.valueOf(k), String.valueOf(v)));
    return sorted.toString();
  }
}
