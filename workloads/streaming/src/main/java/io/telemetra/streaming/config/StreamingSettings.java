package io.telemetra.streaming.config;

import io.telemetra.events.Topics;
import io.telemetra.runtime.KafkaConnection;
import io.telemetra.runtime.PostgresConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the streaming job needs to run, read from the environment variables of
 * docs/configuration.md. Secrets (Postgres and Kafka passwords) come from the variable or the file
 * its {@code _FILE} twin names, never from the command line.
 *
 * @param pipeline the pipeline's name: the commit ledger and its checkpoint resets are kept per
 *     pipeline, so pipelines sharing a database never mistake each other's batches
 * @param kafka where the event topics are and how to authenticate
 * @param topics the pipeline's topic names
 * @param postgres where the results go
 * @param windowDuration window length
 * @param windowSlide window slide; windows start at multiples of it since the epoch
 * @param watermark how late an event may be and still update its windows
 * @param trigger micro-batch trigger interval
 * @param anomalyThreshold z-score above which a window becomes a moment
 * @param anomalyHistoryWindows how many earlier windows form a stream's baseline
 * @param sentimentEnabled whether chat sentiment is computed
 * @param checkpointLocation Spark checkpoint directory; keep it between restarts
 * @param sparkMaster the Spark master when spark-submit did not set one
 * @param shufflePartitions spark.sql.shuffle.partitions (state store partitions): by default the
 *     task slots of the default deployments (local[2]; two one-core executors), since every
 *     partition costs fixed work in every batch
 * @param maxOffsetsPerTrigger optional cap on records read per micro-batch
 * @param startingOffsets where a fresh checkpoint starts reading: earliest, latest or a time
 * @param resetNonce the requested reset the checkpoint belongs to, if any: the commit ledger tells
 *     a reset on purpose (a new nonce) from a lost checkpoint (the same nonce, or none)
 * @param snapshots the copies of the checkpoint to keep, and the one to restore
 * @param windowEngine how the windows query computes sliding windows
 */
public record StreamingSettings(
    String pipeline,
    KafkaConnection kafka,
    Topics topics,
    PostgresConnection postgres,
    Duration windowDuration,
    Duration windowSlide,
    Duration watermark,
    Duration trigger,
    double anomalyThreshold,
    int anomalyHistoryWindows,
    boolean sentimentEnabled,
    String checkpointLocation,
    String sparkMaster,
    int shufflePartitions,
    Optional<Long> maxOffsetsPerTrigger,
    StartingOffsets startingOffsets,
    Optional<String> resetNonce,
    SnapshotSettings snapshots,
    WindowEngine windowEngine) {

  public StreamingSettings {
    if (pipeline == null || pipeline.isBlank()) {
      throw new IllegalArgumentException("TELEMETRA_PIPELINE_NAME must not be blank");
    }
    requirePositive(windowDuration, "CHAT_WINDOW_DURATION_SECONDS");
    requirePositive(windowSlide, "CHAT_WINDOW_SLIDE_SECONDS");
    requirePositive(trigger, "TRIGGER_INTERVAL_SECONDS");
    if (watermark.isNegative()) {
      throw new IllegalArgumentException("WATERMARK_SECONDS must not be negative: " + watermark);
    }
    if (windowDuration.toMillis() % windowSlide.toMillis() != 0) {
      throw new IllegalArgumentException(
          "CHAT_WINDOW_DURATION_SECONDS ("
              + windowDuration.toSeconds()
              + ") must be a multiple of CHAT_WINDOW_SLIDE_SECONDS ("
              + windowSlide.toSeconds()
              + ")");
    }
    if (!(anomalyThreshold > 0) || Double.isInfinite(anomalyThreshold)) {
      throw new IllegalArgumentException(
          "ANOMALY_DETECTION_THRESHOLD must be a positive number: " + anomalyThreshold);
    }
    if (anomalyHistoryWindows < 2) {
      throw new IllegalArgumentException(
          "ANOMALY_HISTORY_WINDOWS must be at least 2: " + anomalyHistoryWindows);
    }
    if (shufflePartitions < 1) {
      throw new IllegalArgumentException("SPARK_SHUFFLE_PARTITIONS must be at least 1");
    }
  }

  /** Reads the settings from environment variables (see docs/streaming.md). */
  public static StreamingSettings fromEnvironment(Map<String, String> env) {
    Topics topics = new Topics(env.getOrDefault("TELEMETRA_TOPIC_PREFIX", Topics.DEFAULT_PREFIX));
    String pipeline = env.getOrDefault("TELEMETRA_PIPELINE_NAME", "").strip();
    return new StreamingSettings(
        pipeline.isEmpty() ? topics.prefix() : pipeline,
        KafkaConnection.fromEnvironment(env),
        topics,
        PostgresConnection.fromEnvironment(env),
        seconds(env, "CHAT_WINDOW_DURATION_SECONDS", 60),
        seconds(env, "CHAT_WINDOW_SLIDE_SECONDS", 10),
        seconds(env, "WATERMARK_SECONDS", 30),
        seconds(env, "TRIGGER_INTERVAL_SECONDS", 5),
        number(env, "ANOMALY_DETECTION_THRESHOLD", 3.0),
        (int) number(env, "ANOMALY_HISTORY_WINDOWS", 30),
        Boolean.parseBoolean(env.getOrDefault("SENTIMENT_ENABLED", "true").strip()),
        env.getOrDefault("CHECKPOINT_LOCATION", "./target/checkpoints"),
        env.getOrDefault("SPARK_MASTER", "local[*]"),
        (int) number(env, "SPARK_SHUFFLE_PARTITIONS", 2),
        Optional.ofNullable(env.get("KAFKA_MAX_OFFSETS_PER_TRIGGER"))
            .filter(v -> !v.isBlank())
            .map(v -> Long.parseLong(v.strip())),
        StartingOffsets.parse(env.getOrDefault("KAFKA_STARTING_OFFSETS", "earliest")),
        Optional.ofNullable(env.get("TELEMETRA_RESET_NONCE"))
            .map(String::strip)
            .filter(v -> !v.isEmpty()),
        new SnapshotSettings(
            (int) number(env, "CHECKPOINT_SNAPSHOTS", 0),
            Optional.ofNullable(env.get("CHECKPOINT_RESTORE_FROM"))
                .map(String::strip)
                .filter(v -> !v.isEmpty())),
        WindowEngine.parse(env.getOrDefault("WINDOW_ENGINE", "panes")));
  }

  /**
   * How far an event's time may be ahead of its Kafka record's timestamp: a third of the watermark
   * delay. The watermark then never passes the newest record's timestamp minus two thirds of the
   * delay, so an event less than that behind the newest record is never dropped as late because
   * another stream sent a timestamp from the future.
   */
  public Duration futureTolerance() {
    return watermark.dividedBy(3);
  }

  /** The Kafka connection as options of Spark's Kafka source ({@code kafka.} prefixed). */
  public Map<String, String> kafkaSourceOptions() {
    Map<String, String> options = new java.util.LinkedHashMap<>();
    kafka.clientProperties().forEach((k, v) -> options.put("kafka." + k, v));
    return options;
  }

  /** A copy with another checkpoint location. */
  public StreamingSettings withCheckpointLocation(String location) {
    return withCheckpoint(location, startingOffsets, resetNonce);
  }

  /**
   * A copy for the new checkpoint of a requested reset: {@code location}, read from {@code
   * startingOffsets}, belonging to {@code resetNonce}.
   */
  public StreamingSettings withReset(
      String location, StartingOffsets startingOffsets, String resetNonce) {
    return withCheckpoint(location, startingOffsets, Optional.of(resetNonce));
  }

  /** A copy that keeps and restores {@code snapshots}. */
  public StreamingSettings withSnapshots(SnapshotSettings snapshots) {
    return copy(checkpointLocation, startingOffsets, resetNonce, snapshots, windowEngine);
  }

  /** A copy computing windows with {@code engine}. */
  public StreamingSettings withWindowEngine(WindowEngine engine) {
    return copy(checkpointLocation, startingOffsets, resetNonce, snapshots, engine);
  }

  private StreamingSettings withCheckpoint(
      String location, StartingOffsets startingOffsets, Optional<String> resetNonce) {
    return copy(location, startingOffsets, resetNonce, snapshots, windowEngine);
  }

  private StreamingSettings copy(
      String location,
      StartingOffsets startingOffsets,
      Optional<String> resetNonce,
      SnapshotSettings snapshots,
      WindowEngine windowEngine) {
    return new StreamingSettings(
        pipeline,
        kafka,
        topics,
        postgres,
        windowDuration,
        windowSlide,
        watermark,
        trigger,
        anomalyThreshold,
        anomalyHistoryWindows,
        sentimentEnabled,
        location,
        sparkMaster,
        shufflePartitions,
        maxOffsetsPerTrigger,
        startingOffsets,
        resetNonce,
        snapshots,
        windowEngine);
  }

  private static Duration seconds(Map<String, String> env, String name, long fallback) {
    return Duration.ofMillis(Math.round(number(env, name, fallback) * 1000));
  }

  private static double number(Map<String, String> env, String name, double fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got '" + value + "'", e);
    }
  }

  private static void requirePositive(Duration d, String name) {
    if (d.isZero() || d.isNegative() || d.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException(name + " must be a positive whole number of seconds");
    }
  }
}
