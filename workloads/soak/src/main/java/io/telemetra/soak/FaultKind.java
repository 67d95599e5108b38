package io.telemetra.soak;

/** What the fault schedule can do to the pipeline. */
public enum FaultKind {
  /** The streaming job's JVM gets SIGKILL; the runner starts it again. */
  STREAMING_SIGKILL("streaming job SIGKILL", false),
  /** The API's JVM gets SIGKILL; the runner starts it again. */
  API_SIGKILL("API SIGKILL", false),
  /** PostgreSQL is shut down for the outage, then started again. */
  POSTGRES_STOP("PostgreSQL stopped", true),
  /** The Kafka broker is shut down for the outage, then started again. */
  KAFKA_STOP("Kafka broker stopped", true),
  /** Redis is shut down for the rest of the run: the API must serve from PostgreSQL. */
  REDIS_STOP("Redis stopped for good", false);

  private final String label;
  private final boolean lastsAnOutage;

  FaultKind(String label, boolean lastsAnOutage) {
    this.label = label;
    this.lastsAnOutage = lastsAnOutage;
  }

  public String label() {
    return label;
  }

  /** Whether the harness undoes it after the outage (else it is instant, or lasts the run). */
  public boolean lastsAnOutage() {
    return lastsAnOutage;
  }
}
