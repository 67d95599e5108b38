package io.telemetra.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a soak run does.
 *
 * @param rate events per second the producer sends (all types together)
 * @param duration how long the producer sends; the faults are spread over it
 * @param streams simulated live streams
 * @param partitions partitions per topic
 * @param seed the producer's seed: the same seed gives the same events
 * @param outage how long PostgreSQL and the Kafka broker stay stopped
 * @param sampleEvery how often throughput, freshness and memory are sampled
 * @param drainTimeout how long to wait, once the producer stopped, for the tables to equal the
 *     ground truth
 * @param out where the report, the samples and the plot are written
 * @param faults whether the fault schedule strikes (off: a plain soak)
 */
public record SoakSettings(
    int rate,
    Duration duration,
    int streams,
    int partitions,
    long seed,
    Duration outage,
    Duration sampleEvery,
    Duration drainTimeout,
    Path out,
    boolean faults) {

  /** Fractions of the records the producer makes malformed, duplicated and swapped. */
  public static final double MALFORMED_FRACTION = 0.01;

  public static final double DUPLICATE_FRACTION = 0.02;
  public static final double OUT_OF_ORDER_FRACTION = 0.02;

  public SoakSettings {
    List<String> problems = new ArrayList<>();
    if (rate < 1) {
      problems.add("--rate must be at least 1 event per second, got " + rate);
    }
    if (streams < 1) {
      problems.add("--streams must be at least 1, got " + streams);
    }
    if (partitions < 1) {
      problems.add("--partitions must be at least 1, got " + partitions);
    }
    if (duration.compareTo(Duration.ofSeconds(30)) < 0) {
      problems.add("--duration must be at least 30 s, got " + duration.toSeconds() + " s");
    }
    if (faults && outage.multipliedBy(4).compareTo(duration) > 0) {
      problems.add(
          "--outage ("
              + outage.toSeconds()
              + " s) must be at most a quarter of --duration ("
              + duration.toSeconds()
              + " s): two outages and two restarts must fit");
    }
    if (sampleEvery.isNegative() || sampleEvery.isZero()) {
      problems.add("--sample-every must be positive");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** The producer's options besides rate and streams. */
  public List<String> producerArguments() {
    return List.of(
        "--seed",
        Long.toString(seed),
        "--malformed-fraction",
        Double.toString(MALFORMED_FRACTION),
        "--duplicate-fraction",
        Double.toString(DUPLICATE_FRACTION),
        "--out-of-order-fraction",
        Double.toString(OUT_OF_ORDER_FRACTION),
        "--progress-interval",
        "60s");
  }

  /** The pipeline's data (broker log, database, checkpoints, logs): fresh for each run. */
  public Path dataDir() {
    return out.resolve("data");
  }
}
