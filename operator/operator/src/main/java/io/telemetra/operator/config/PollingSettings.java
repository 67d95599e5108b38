package io.telemetra.operator.config;

import java.time.Duration;

/**
 * How often the operator polls Kafka and Postgres for drift: TELEMETRA_KAFKA_POLL_SECONDS and
 * TELEMETRA_POSTGRES_POLL_SECONDS (environment or system property), 30 s and 60 s by default.
 */
public final class PollingSettings {

  private PollingSettings() {}

  public static Duration kafka() {
    return seconds("TELEMETRA_KAFKA_POLL_SECONDS", 30);
  }

  public static Duration postgres() {
    return seconds("TELEMETRA_POSTGRES_POLL_SECONDS", 60);
  }

  /** Threads polling Kafka, and as many polling Postgres: TELEMETRA_POLL_THREADS, 4 by default. */
  public static int threads() {
    String value =
        System.getProperty("TELEMETRA_POLL_THREADS", System.getenv("TELEMETRA_POLL_THREADS"));
    return value == null || value.isBlank() ? 4 : Integer.parseInt(value.strip());
  }

  private static Duration seconds(String name, long fallback) {
    String value = System.getProperty(name, System.getenv(name));
    return Duration.ofSeconds(value == null || value.isBlank() ? fallback : Long.parseLong(value));
  }
}
