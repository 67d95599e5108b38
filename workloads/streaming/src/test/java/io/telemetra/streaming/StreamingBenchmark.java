package io.telemetra.streaming;

import io.telemetra.events.Decoded;
import io.telemetra.events.Event;
import io.telemetra.events.EventCodec;
import io.telemetra.events.Topics;
import io.telemetra.streaming.config.SnapshotSettings;
import io.telemetra.streaming.config.StartingOffsets;
import io.telemetra.streaming.config.StreamingSettings;
import io.telemetra.streaming.config.WindowEngine;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Throughput and freshness benchmark (not a test; prints its figures). Run with {@code ./mvnw -pl
 * workloads/streaming -Pbench verify}; see docs/performance.md for the method.
 *
 * <ol>
 *   <li>raw ceiling: a plain KafkaConsumer reads a backlog of N events and decodes each with
 *       EventCodec;
 *   <li>job capacity: the job drains the same backlog (no cap); events/s over the drain;
 *   <li>sustained: the job reads the backlog capped at rate x trigger per batch for a while; it
 *       sustains the rate if batch durations stay below the trigger;
 *   <li>freshness: a producer sends 10,000 events/s with ts = now; a poller records when each
 *       window's final row first became visible in Postgres.
 * </ol>
 */
public final class StreamingBenchmark {

  private static final int STREAMS = 50;

  /** The windows query's engine: WINDOW_ENGINE's default unless -Dbench.windowEngine. */
  private static final WindowEngine ENGINE =
      WindowEngine.parse(System.getProperty("bench.windowEngine", "panes"));

  /** The engines whose drains of the same backlog are compared, in this order. */
  private static final List<WindowEngine> DRAIN_ENGINES =
      java.util.Arrays.stream(
              System.getProperty("bench.drainEngines", "explode,panes,panes,explode").split(","))
          .map(WindowEngine::parse)
          .toList();

  /** Both queries' trigger: TRIGGER_INTERVAL_SECONDS's default unless -Dbench.triggerSeconds. */
  private static final Duration TRIGGER =
      Duration.ofSeconds(Long.getLong("bench.triggerSeconds", 5));

  /** spark.sql.shuffle.partitions: SPARK_SHUFFLE_PARTITIONS's default unless given. */
  private static final int SHUFFLE_PARTITIONS = Integer.getInteger("bench.shufflePartitions", 2);

  public static void main(String[] args) throws Exception {
    int freshnessSeconds = Integer.parseInt(System.getProperty("bench.freshnessSeconds", "100"));
    int freshnessRate = Integer.parseInt(System.getProperty("bench.freshnessRate", "10000"));
    var infra = TestInfrastructure.shared();
    // -Dbench.freshnessOnly=true: only the last step (compare triggers in a few minutes)
    if (!Boolean.getBoolean("bench.freshnessOnly")) {
      throughput(infra);
    }

    // -Dbench.fixedWorkSeconds=N (0 skips): what a trigger costs with next to no events
    int fixedWorkSeconds = Integer.parseInt(System.getProperty("bench.fixedWorkSeconds", "60"));
    if (fixedWorkSeconds > 0) {
      fixedWork(infra, fixedWorkSeconds);
    }

    var freshPipeline = infra.newPipeline("benchfresh");
    try (RunningJob job =
        StreamingJob.start(settings(freshPipeline, Optional.empty(), "earliest"))) {
      Thread.sleep(15_000);
      freshness(freshPipeline, job, freshnessRate, freshnessSeconds);
    }
    System.exit(0);
  }

  /** Raw ceiling, job capacity and the sustained rate. */
  private static void throughput(TestInfrastructure infra) throws Exception {
    int backlog = Integer.parseInt(System.getProperty("bench.events", "1000000"));
    int sustainedRate = Integer.parseInt(System.getProperty("bench.rate", "0"));
    int sustainSeconds = Integer.parseInt(System.getProperty("bench.sustainSeconds", "90"));
    var pipeline = infra.newPipeline("bench");
    Topics topics = pipeline.topics();

    Instant start = Instant.now().minus(Duration.ofHours(2));
    long t = System.nanoTime();
    int sent = sendBacklog(pipeline.bootstrapServers(), topics, backlog, start);
    report("backlog produced", sent, System.nanoTime() - t);

    t = System.nanoTime();
    long cpu = cpuNanos();
    int decoded = rawCeiling(pipeline.bootstrapServers(), topics, sent);
    long rawNanos = System.nanoTime() - t;
    double raw = report("raw ceiling (consume + EventCodec.decode, 1 thread)", decoded, rawNanos);
    double rawPerCpu = perCpuSecond("raw ceiling", decoded, cpuNanos() - cpu);

    long drainBatch = Long.parseLong(System.getProperty("bench.drainBatch", "200000"));
    // Each windows engine drains a backlog of the same size (-Dbench.drainEngines, in that order,
    // repeats allowed), after one unmeasured warm-up drain per engine: the first drain of a JVM
    // pays its JIT and Spark's code generation, which would favour whichever engine runs second.
    int warmup = Integer.parseInt(System.getProperty("bench.warmupEvents", "150000"));
    if (warmup > 0) {
      for (WindowEngine engine : new java.util.LinkedHashSet<>(DRAIN_ENGINES)) {
        var warm = infra.newPipeline("benchwarm" + engine.value());
        int warmSent = sendBacklog(warm.bootstrapServers(), warm.topics(), warmup, start);
        t = System.nanoTime();
        try (RunningJob job =
            StreamingJob.start(
                settings(warm, Optional.of(drainBatch), "earliest").withWindowEngine(engine))) {
          job.processAllAvailable();
        }
        report(
            "warm-up drain (not counted), windows engine " + engine.value(),
            warmSent,
            System.nanoTime() - t);
      }
    }
    Map<WindowEngine, List<Double>> capacityOf = new EnumMap<>(WindowEngine.class);
    Map<WindowEngine, List<Double>> perCpuOf = new EnumMap<>(WindowEngine.class);
    boolean first = true;
    for (WindowEngine engine : DRAIN_ENGINES) {
      var drained = first ? pipeline : infra.newPipeline("bench" + engine.value());
      if (!first) {
        sendBacklog(drained.bootstrapServers(), drained.topics(), backlog, start);
      }
      first = false;
      StreamingSettings settings =
          settings(drained, Optional.of(drainBatch), "earliest").withWindowEngine(engine);
      t = System.nanoTime();
      cpu = cpuNanos();
      try (RunningJob job = StreamingJob.start(settings)) {
        job.processAllAvailable();
        String label = "windows engine " + engine.value();
        capacityOf
            .computeIfAbsent(engine, e -> new ArrayList<>())
            .add(
                report(
                    "job capacity (drain, both queries), " + label, sent, System.nanoTime() - t));
        perCpuOf
            .computeIfAbsent(engine, e -> new ArrayList<>())
            .add(perCpuSecond("job drain, " + label, sent, cpuNanos() - cpu));
        printBatches(job, "drain, " + label);
      }
    }
    for (WindowEngine engine : capacityOf.keySet()) {
      System.out.printf(
          "RESULT ratio job/raw, windows engine %s (median of %d drains): wall clock %.2f, per"
              + " CPU-second %.2f%n",
          engine.value(),
          capacityOf.get(engine).size(),
          median(capacityOf.get(engine)) / raw,
          median(perCpuOf.get(engine)) / rawPerCpu);
    }
    if (capacityOf.size() == 2) {
      System.out.printf(
          "RESULT ratio panes/explode (medians of the drains): wall clock %.2f, per CPU-second"
              + " %.2f%n",
          median(capacityOf.get(WindowEngine.PANES)) / median(capacityOf.get(WindowEngine.EXPLODE)),
          median(perCpuOf.get(WindowEngine.PANES)) / median(perCpuOf.get(WindowEngine.EXPLODE)));
    }
    // the sustained rate is 70 % of what the engine the rest of the run uses drained
    double capacity =
        median(capacityOf.getOrDefault(ENGINE, capacityOf.values().iterator().next()));

    int rate =
        sustainedRate > 0 ? sustainedRate : Math.max(1000, (int) (capacity * 0.7 / 1000) * 1000);
    var sustainPipeline = infra.newPipeline("benchsustain");
    int n = rate * (sustainSeconds + 30);
    sendBacklog(sustainPipeline.bootstrapServers(), sustainPipeline.topics(), n, start);
    var capped = settings(sustainPipeline, Optional.of(rate * TRIGGER.toSeconds()), "earliest");
    try (RunningJob job = StreamingJob.start(capped)) {
      Thread.sleep(20_000);
      long from = cpuNanos();
      long rowsFrom = rows(job);
      Thread.sleep(sustainSeconds * 1000L);
      perCpuSecond("sustained, after 20 s warm-up", rows(job) - rowsFrom, cpuNanos() - from);
      printBatches(job, "sustained " + rate + "/s");
    }
  }

  private static StreamingSettings settings(
      TestInfrastructure.Pipeline pipeline, Optional<Long> maxOffsets, String offsets) {
    return settings(pipeline, maxOffsets, offsets, TRIGGER);
  }

  private static StreamingSettings settings(
      TestInfrastructure.Pipeline pipeline,
      Optional<Long> maxOffsets,
      String offsets,
      Duration trigger) {
    var s = pipeline.settings();
    return new StreamingSettings(
        s.pipeline(),
        s.kafka(),
        s.topics(),
        s.postgres(),
        s.windowDuration(),
        s.windowSlide(),
        s.watermark(),
        trigger,
        s.anomalyThreshold(),
        s.anomalyHistoryWindows(),
        true,
        s.checkpointLocation(),
        "local[2]",
        SHUFFLE_PARTITIONS,
        maxOffsets,
        StartingOffsets.parse(offsets),
        Optional.empty(),
        SnapshotSettings.NONE,
        ENGINE);
  }

  private static int sendBacklog(String bootstrap, Topics topics, int n, Instant start) {
    var traffic = new ScriptedTraffic(1, topics);
    var codec = EventCodec.withSystemClock();
    try (var producer = producer(bootstrap)) {
      for (int i = 0; i < n; i++) {
        Instant ts = start.plusMillis(i / 20L);
        Event e = traffic.event("s-" + (i % STREAMS), ts, i);
        producer.send(
            new ProducerRecord<>(
                topics.of(e.type()),
                e.streamId().getBytes(StandardCharsets.UTF_8),
                codec.encode(e)));
      }
      producer.flush();
    }
    return n;
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.LINGER_MS_CONFIG,
            20,
            ProducerConfig.BATCH_SIZE_CONFIG,
            256 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "lz4"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private static int rawCeiling(String bootstrap, Topics topics, int expected) {
    var codec = EventCodec.withSystemClock();
    int n = 0;
    int accepted = 0;
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "raw-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(topics.eventTopics());
      while (n < expected) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          n++;
          if (codec.decode(topics, r.topic(), r.value()) instanceof Decoded.Accepted) {
            accepted++;
          }
        }
      }
    }
    return accepted;
  }

  /** CPU time of this whole JVM (driver, executor threads, GC), not of the broker or Postgres. */
  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double perCpuSecond(String what, long events, long cpu) {
    double rate = events / (cpu / 1e9);
    System.out.printf(
        "RESULT %s: %,d events per CPU-second of the JVM (%,d events, %.1f CPU-s)%n",
        what, (long) rate, events, cpu / 1e9);
    return rate;
  }

  /** Events the windows query has read so far (its recent progress). */
  private static long rows(RunningJob job) {
    long n = 0;
    for (StreamingQueryProgress p : job.queries().get(1).recentProgress()) {
      n += p.numInputRows();
    }
    return n;
  }

  private static double report(String what, long events, long nanos) {
    double rate = events / (nanos / 1e9);
    System.out.printf(
        "RESULT %s: %,d events in %.1f s = %,.0f events/s (load average %.1f)%n",
        what,
        events,
        nanos / 1e9,
        rate,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return rate;
  }

  private static void printBatches(RunningJob job, String label) {
    for (StreamingQuery q : job.queries()) {
      List<Long> durations = new ArrayList<>();
      long rows = 0;
      for (StreamingQueryProgress p : q.recentProgress()) {
        if (p.numInputRows() > 0) {
          durations.add(p.durationMs().get("triggerExecution"));
          rows += p.numInputRows();
        }
      }
      // the first batch of a query includes code generation and state-store creation
      List<Long> steady = durations.size() > 2 ? durations.subList(2, durations.size()) : durations;
      List<Long> sorted = new ArrayList<>(steady);
      sorted.sort(null);
      long p50 = sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
      long p90 = sorted.isEmpty() ? -1 : sorted.get((int) Math.floor(sorted.size() * 0.9));
      System.out.printf(
          "RESULT %s %s: %d batches with data, %,d rows, batch ms p50 %d p90 %d (after 2 warm-up"
              + " batches), all %s%n",
          label, q.name(), durations.size(), rows, p50, p90, durations);
    }
  }

  private static void freshness(
      TestInfrastructure.Pipeline pipeline, RunningJob job, int rate, int seconds)
      throws Exception {
    PacedProducer producer = PacedProducer.start(pipeline, rate);
    Map<String, Long> lastCount = new HashMap<>();
    Map<String, Long> firstSeenAt = new HashMap<>();
    Map<String, Instant> windowEnds = new HashMap<>();
    long endAt = System.currentTimeMillis() + seconds * 1000L;
    try (Connection c = pipeline.connect()) {
      while (System.currentTimeMillis() < endAt) {
        long now = System.currentTimeMillis();
        try (var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT stream_id, window_end, chat_count FROM chat_summary_minute"
                        + " WHERE window_end > now() - interval '40 seconds'")) {
          while (rs.next()) {
            String key = rs.getString(1) + "|" + rs.getString(2);
            long count = rs.getLong(3);
            Long previous = lastCount.put(key, count);
            if (previous == null || previous != count) {
              firstSeenAt.put(key, now);
            }
            windowEnds.put(key, rs.getObject(2, OffsetDateTime.class).toInstant());
          }
        }
        Thread.sleep(100);
      }
    }
    producer.close();
    List<Long> lags = new ArrayList<>();
    Instant measuredFrom = Instant.now().minusSeconds(seconds - 40L);
    Instant measuredTo = Instant.now().minusSeconds(30);
    firstSeenAt.forEach(
        (key, seen) -> {
          Instant end = windowEnds.get(key);
          if (end.isAfter(measuredFrom) && end.isBefore(measuredTo)) {
            lags.add(seen - end.toEpochMilli());
          }
        });
    lags.sort(null);
    long windowBatches =
        java.util.Arrays.stream(job.queries().get(1).recentProgress())
            .filter(p -> p.numInputRows() > 0)
            .count();
    if (windowBatches < 3) {
      // a window's row only becomes final with the batches after its end; too few to say
      System.out.printf(
          "RESULT freshness at %,d events/s: not measurable, the windows query completed only %d"
              + " batches with data in %d s%n",
          rate, windowBatches, seconds);
      printBatches(job, "freshness");
      return;
    }
    if (lags.isEmpty()) {
      System.out.println("RESULT freshness: no windows measured");
      return;
    }
    System.out.printf(
        "RESULT freshness at %,d events/s (trigger %d s): %d windows, p50 %d ms, p95 %d ms, max"
            + " %d ms after window end; load average %.1f%n",
        rate,
        TRIGGER.toSeconds(),
        lags.size(),
        lags.get(lags.size() / 2),
        lags.get((int) Math.floor(lags.size() * 0.95)),
        lags.get(lags.size() - 1),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    printBatches(job, "freshness");
  }

  /**
   * Per-trigger fixed work: both queries at a 1 s trigger fed a trickle ({@code
   * bench.fixedWorkRate}, 100 events/s by default), so each batch's cost is almost all fixed
   * (planning, offsets and commit logs, state-store versions, the sinks' round trips). Prints the
   * JVM's CPU per batch, the median of each phase Spark times, and Spark's code compilations per
   * batch (a compilation in every batch means generated code that is not reused).
   */
  private static void fixedWork(TestInfrastructure infra, int seconds) throws Exception {
    int rate = Integer.parseInt(System.getProperty("bench.fixedWorkRate", "100"));
    var pipeline = infra.newPipeline("benchfixed");
    StreamingSettings settings =
        settings(pipeline, Optional.empty(), "earliest", Duration.ofSeconds(1));
    try (PacedProducer producer = PacedProducer.start(pipeline, rate);
        RunningJob job = StreamingJob.start(settings)) {
      Thread.sleep(20_000);
      long cpuFrom = cpuNanos();
      long postgresFrom = postgresCpuTicks(infra);
      long compilationsFrom = compilations();
      Map<String, Long> batchesFrom = batchIds(job);
      long loadFrom = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      long cpu = cpuNanos() - cpuFrom;
      long postgresTicks = postgresCpuTicks(infra) - postgresFrom;
      long compiled = compilations() - compilationsFrom;
      Map<String, Long> batchesTo = batchIds(job);
      long batches = 0;
      for (var e : batchesTo.entrySet()) {
        batches += e.getValue() - batchesFrom.getOrDefault(e.getKey(), e.getValue());
      }
      System.out.printf(
          "RESULT fixed work per trigger (%d events/s, 1 s trigger, %d s, both queries): %d"
              + " batches, %.3f CPU-s of the JVM and %.3f CPU-s of Postgres per batch, %.1f code"
              + " compilations per batch; load average %.1f%n",
          rate,
          (System.nanoTime() - loadFrom) / 1_000_000_000L,
          batches,
          batches == 0 ? Double.NaN : cpu / 1e9 / batches,
          batches == 0 ? Double.NaN : postgresTicks / 100.0 / batches,
          batches == 0 ? Double.NaN : (double) compiled / batches,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      printPhases(job);
    }
  }

  /**
   * CPU ticks (1/100 s) of the benchmark's Postgres: the postmaster's own and its ended children's
   * (connections that closed), plus its live children's.
   */
  private static long postgresCpuTicks(TestInfrastructure infra) throws java.io.IOException {
    long postmaster =
        Long.parseLong(
            java.nio.file.Files.readAllLines(infra.postgres.dataDir().resolve("postmaster.pid"))
                .get(0)
                .strip());
    long ticks = 0;
    try (var procs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
      for (var dir : procs.toList()) {
        if (!dir.getFileName().toString().chars().allMatch(Character::isDigit)) {
          continue;
        }
        String[] stat;
        try {
          String line = java.nio.file.Files.readString(dir.resolve("stat"));
          stat = line.substring(line.lastIndexOf(')') + 2).split(" ");
        } catch (java.io.IOException gone) {
          continue;
        }
        long pid = Long.parseLong(dir.getFileName().toString());
        // fields after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
        if (pid == postmaster) {
          for (int f = 11; f <= 14; f++) {
            ticks += Long.parseLong(stat[f]);
          }
        } else if (Long.parseLong(stat[1]) == postmaster) {
          ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
        }
      }
    }
    return ticks;
  }

  /** The id of each query's latest batch. */
  private static Map<String, Long> batchIds(RunningJob job) {
    Map<String, Long> ids = new HashMap<>();
    for (StreamingQuery q : job.queries()) {
      StreamingQueryProgress last = q.lastProgress();
      ids.put(q.name(), last == null ? -1 : last.batchId());
    }
    return ids;
  }

  /** Janino compilations of generated code so far in this JVM (Spark's codegen metrics). */
  private static long compilations() {
    return org.apache.spark.metrics.source.CodegenMetrics.METRIC_COMPILATION_TIME().getCount();
  }

  /** The median of each phase Spark times, per query, over its recent batches with data. */
  private static void printPhases(RunningJob job) {
    for (StreamingQuery q : job.queries()) {
      Map<String, List<Long>> phases = new java.util.TreeMap<>();
      for (StreamingQueryProgress p : q.recentProgress()) {
        if (p.numInputRows() > 0) {
          p.durationMs()
              .forEach(
                  (phase, ms) -> phases.computeIfAbsent(phase, k -> new ArrayList<>()).add(ms));
        }
      }
      StringBuilder line = new StringBuilder();
      phases.forEach(
          (phase, ms) -> {
            List<Long> sorted = ms.stream().sorted().toList();
            line.append(String.format(" %s %d", phase, sorted.get(sorted.size() / 2)));
          });
      System.out.printf("RESULT phases of %s, median ms:%s%n", q.name(), line);
    }
  }

  /** A producer thread sending {@code rate} events/s of 50 streams with ts = now. */
  private static final class PacedProducer implements AutoCloseable {
    private final AtomicBoolean producing = new AtomicBoolean(true);
    private final Thread thread;

    private PacedProducer(TestInfrastructure.Pipeline pipeline, int rate) {
      var traffic = new ScriptedTraffic(2, pipeline.topics());
      var codec = EventCodec.withSystemClock();
      thread =
          new Thread(
              () -> {
                try (var producer = producer(pipeline.bootstrapServers())) {
                  long begin = System.nanoTime();
                  long sentCount = 0;
                  int i = 0;
                  while (producing.get()) {
                    long due = (System.nanoTime() - begin) * rate / 1_000_000_000L;
                    while (sentCount < due) {
                      Event e = traffic.event("s-" + (i % STREAMS), Instant.now(), i++);
                      producer.send(
                          new ProducerRecord<>(
                              pipeline.topics().of(e.type()),
                              e.streamId().getBytes(StandardCharsets.UTF_8),
                              codec.encode(e)));
                      sentCount++;
                    }
                    Thread.sleep(2);
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
    }

    static PacedProducer start(TestInfrastructure.Pipeline pipeline, int rate) {
      PacedProducer p = new PacedProducer(pipeline, rate);
      p.thread.start();
      return p;
    }

    @Override
    public void close() throws InterruptedException {
      producing.set(false);
      thread.join();
    }
  }
}
