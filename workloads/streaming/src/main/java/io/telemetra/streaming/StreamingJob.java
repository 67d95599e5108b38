package io.telemetra.streaming;

import static org.apache.spark.sql.functions.col;

import io.telemetra.analytics.moments.MomentDetector;
import io.telemetra.analytics.window.SlidingWindows;
import io.telemetra.events.EventType;
import io.telemetra.schema.StreamingQueries;
import io.telemetra.streaming.checkpoint.CheckpointEngine;
import io.telemetra.streaming.checkpoint.CheckpointHistory;
import io.telemetra.streaming.checkpoint.CheckpointSnapshots;
import io.telemetra.streaming.config.CheckpointLocation;
import io.telemetra.streaming.config.StreamingSettings;
import io.telemetra.streaming.config.WindowEngine;
import io.telemetra.streaming.ingest.EventRows;
import io.telemetra.streaming.ingest.RecordParser;
import io.telemetra.streaming.progress.ConsumedRecords;
import io.telemetra.streaming.progress.KafkaDataLossDetector;
import io.telemetra.streaming.sink.BatchLedger;
import io.telemetra.streaming.sink.IngestSink;
import io.telemetra.streaming.sink.SinkDatabase;
import io.telemetra.streaming.sink.UnreadReplays;
import io.telemetra.streaming.sink.WindowSink;
import io.telemetra.streaming.window.WindowedAggregation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Telemetra streaming job, startable in-process: two Structured Streaming queries over the
 * event topics. "telemetra-ingest" validates every record, dead-letters rejects, and writes
 * transactions and stream metadata; "telemetra-windows" computes the windowed analytics and
 * moments. Each has its own checkpoint under the checkpoint location.
 */
public final class StreamingJob {

  private static final Logger LOG = LoggerFactory.getLogger(StreamingJob.class);

  private static final String STATE_STORE_PROVIDER = "spark.sql.streaming.stateStore.providerClass";
  private static final String ROCKSDB =
      "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider";

  public static final String INGEST_QUERY = StreamingQueries.INGEST;
  public static final String WINDOWS_QUERY = StreamingQueries.WINDOWS;

  /** The queries' checkpoints, children of the checkpoint location. */
  static final String INGEST_CHECKPOINT = "ingest";

  static final String WINDOWS_CHECKPOINT = "windows";

  private StreamingJob() {}

  private static CheckpointSnapshots snapshots(StreamingSettings settings, SparkSession spark) {
    try {
      return CheckpointSnapshots.of(
          settings.checkpointLocation(),
          List.of(INGEST_CHECKPOINT, WINDOWS_CHECKPOINT),
          spark.sparkContext().hadoopConfiguration());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "cannot reach the checkpoint location " + settings.checkpointLocation(), e);
    }
  }

  /** Starts the job (and a local Spark session unless one is configured) and returns at once. */
  public static RunningJob start(StreamingSettings settings) {
    SparkSession spark = session(settings);
    SinkDatabase postgres = new SinkDatabase(settings.postgres());
    var ingestLedger = new BatchLedger(settings.pipeline(), INGEST_QUERY, settings.resetNonce());
    var windowsLedger = new BatchLedger(settings.pipeline(), WINDOWS_QUERY, settings.resetNonce());
    CheckpointHistory.prepare(
        settings.pipeline(),
        settings.snapshots(),
        snapshots(settings, spark),
        postgres,
        Map.of(INGEST_CHECKPOINT, ingestLedger, WINDOWS_CHECKPOINT, windowsLedger));
    var lateEvents = new LateEventCounter(WINDOWS_QUERY);
    spark.streams().addListener(lateEvents);
    var unreadReplays = new UnreadReplays();
    var dataLoss =
        new KafkaDataLossDetector(
            settings.pipeline(),
            Set.of(INGEST_QUERY, WINDOWS_QUERY),
            postgres,
            settings.kafka(),
            unreadReplays);
    spark.streams().addListener(dataLoss);
    var consumed =
        new ConsumedRecords(settings.pipeline(), Set.of(INGEST_QUERY, WINDOWS_QUERY), postgres);
    spark.streams().addListener(consumed);
    SlidingWindows windows = new SlidingWindows(settings.windowDuration(), settings.windowSlide());
    WindowEngine engine = windowEngine(settings, spark);
    try {
      StreamingQuery ingest =
          // The ingest query stores no sentiment: scoring every chat message there was wasted.
          parsed(spark, settings, settings.topics().eventTopics(), false)
              .writeStream()
              .queryName(INGEST_QUERY)
              .option(
                  "checkpointLocation",
                  CheckpointLocation.of(settings.checkpointLocation(), INGEST_CHECKPOINT))
              .trigger(Trigger.ProcessingTime(settings.trigger().toMillis()))
              .foreachBatch(
                  new IngestSink(
                      ingestLedger,
                      postgres,
                      settings.topics().deadLetter(),
                      settings.kafka(),
                      unreadReplays))
              .start();
      StreamingQuery windowed =
          WindowedAggregation.of(
                  parsed(
                      spark,
                      settings,
                      List.of(
                          settings.topics().of(EventType.CHAT),
                          settings.topics().of(EventType.VIEWER),
                          settings.topics().of(EventType.TRANSACTION)),
                      settings.sentimentEnabled()),
                  windows,
                  settings.watermark(),
                  engine)
              .writeStream()
              .queryName(WINDOWS_QUERY)
              .outputMode(OutputMode.Update())
              .option(
                  "checkpointLocation",
                  CheckpointLocation.of(settings.checkpointLocation(), WINDOWS_CHECKPOINT))
              .trigger(Trigger.ProcessingTime(settings.trigger().toMillis()))
              .foreachBatch(
                  new WindowSink(
                      windowsLedger,
                      postgres,
                      windows,
                      new MomentDetector(
                          windows, settings.anomalyThreshold(), settings.anomalyHistoryWindows())))
              .start();
      return new RunningJob(
          spark, ingest, windowed, lateEvents, dataLoss, consumed, engine, postgres);
    } catch (TimeoutException e) {
      throw new IllegalStateException("streaming query did not start", e);
    }
  }

  /**
   * The configured windows engine for a new windows checkpoint; an existing one is resumed by the
   * engine that wrote it (a change of engine takes effect at the next reset).
   */
  private static WindowEngine windowEngine(StreamingSettings settings, SparkSession spark) {
    String checkpoint = CheckpointLocation.of(settings.checkpointLocation(), WINDOWS_CHECKPOINT);
    Optional<WindowEngine> written =
        CheckpointEngine.writtenTo(checkpoint, spark.sparkContext().hadoopConfiguration());
    if (written.isPresent() && written.get() != settings.windowEngine()) {
      LOG.warn(
          "{} resumes its checkpoint with the {} windows engine that wrote it;"
              + " WINDOW_ENGINE={} applies to a new checkpoint (a reset)",
          WINDOWS_QUERY,
          written.get().value(),
          settings.windowEngine().value());
    }
    WindowEngine engine = written.orElse(settings.windowEngine());
    String stateStore = spark.conf().get(STATE_STORE_PROVIDER, ROCKSDB);
    if (written.isEmpty() && engine == WindowEngine.PANES && !stateStore.equals(ROCKSDB)) {
      // transformWithState keeps its state in RocksDB only
      LOG.warn(
          "{} computes windows with the explode engine: the panes engine needs the RocksDB state"
              + " store, and {} is {}",
          WINDOWS_QUERY,
          STATE_STORE_PROVIDER,
          stateStore);
      engine = WindowEngine.EXPLODE;
    }
    LOG.info("{} computes windows with the {} engine", WINDOWS_QUERY, engine.value());
    return engine;
  }

  /** Kafka records of {@code topics}, decoded into {@link EventRows}, chat scored if asked. */
  static Dataset<Row> parsed(
      SparkSession spark, StreamingSettings settings, List<String> topics, boolean sentiment) {
    var reader =
        spark
            .readStream()
            .format("kafka")
            .options(settings.kafkaSourceOptions())
            .option("subscribe", String.join(",", topics))
            .options(settings.startingOffsets().sparkOptions())
            .option("failOnDataLoss", "false");
    if (settings.maxOffsetsPerTrigger().isPresent()) {
      reader = reader.option("maxOffsetsPerTrigger", settings.maxOffsetsPerTrigger().get());
    }
    return reader
        .load()
        .select(
            col("key"),
            col("value"),
            col("topic"),
            col("partition"),
            col("offset"),
            col("timestamp"))
        .mapPartitions(
            new RecordParser(settings.topics(), sentiment, settings.futureTolerance()),
            Encoders.row(EventRows.SCHEMA));
  }

  private static SparkSession session(StreamingSettings settings) {
    SparkConf conf = new SparkConf();
    var builder =
        SparkSession.builder()
            .appName("telemetra-streaming")
            .config("spark.sql.shuffle.partitions", settings.shufflePartitions())
            .config("spark.sql.session.timeZone", "UTC")
            // The window aggregate (collect_set for exact unique chatters) is an object hash
            // aggregate; past this many groups in a task Spark falls back to sorting every row
            // (default 128, less than one batch's streams x windows x kinds): 40 % of the job's
            // CPU in a profile of a drain (docs/performance.md).
            .config(
                "spark.sql.objectHashAggregate.sortBased.fallbackThreshold",
                conf.get("spark.sql.objectHashAggregate.sortBased.fallbackThreshold", "65536"))
            // Spark's default plus the Kafka client key and JAAS config the source options carry.
            .config(
                "spark.redaction.regex",
                "(?i)secret|password|token|access[.]?key|keystore[.]key|jaas[.]config")
            // Spark 4.1.1's V2 Kafka micro-batch stream throws a NullPointerException reporting
            // progress of a batch replayed after a restart (SPARK-55271); the V1 source does not.
            .config(
                "spark.sql.streaming.disabledV2MicroBatchReaders",
                "org.apache.spark.sql.kafka010.KafkaSourceProvider")
            .config(STATE_STORE_PROVIDER, conf.get(STATE_STORE_PROVIDER, ROCKSDB));
    if (!conf.contains("spark.master")) {
      builder = builder.master(settings.sparkMaster());
      if (!conf.contains("spark.ui.enabled")) {
        builder = builder.config("spark.ui.enabled", "false");
      }
    }
    return builder.getOrCreate();
  }
}
