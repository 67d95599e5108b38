package io.telemetra.soak;

import io.telemetra.embedded.RedisServer;
import io.telemetra.local.LocalPipeline;
import io.telemetra.local.RunnerSettings;
import io.telemetra.local.RunningPart;
import io.telemetra.runtime.RedisConnection;
import io.telemetra.schema.StreamingQueries;
import io.telemetra.soak.probe.ApiProber;
import io.telemetra.soak.probe.CheckpointProgress;
import io.telemetra.soak.probe.KafkaEndOffsets;
import io.telemetra.soak.probe.MemoryProbe;
import io.telemetra.soak.probe.PostgresProbe;
import io.telemetra.soak.report.ProcessMemory;
import io.telemetra.soak.report.Sample;
import io.telemetra.truth.ExpectedTables;
import io.telemetra.truth.KafkaReadback;
import io.telemetra.truth.PipelineVerdict;
import io.telemetra.truth.TableDiff;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * One soak run: starts the local pipeline on free ports with a fresh data directory, produces at
 * the configured rate while the fault schedule strikes, watches throughput, freshness, the API and
 * memory throughout, then stops the producer, reads back everything Kafka holds and waits until
 * PostgreSQL equals the ground truth (or the drain timeout passes).
 */
public final class SoakRun {

  /** The job's window geometry (the defaults of docs/streaming.md). */
  static final Duration WINDOW = Duration.ofSeconds(60);

  static final Duration SLIDE = Duration.ofSeconds(10);

  /** The streaming job's query names. */
  static final String INGEST_QUERY = StreamingQueries.INGEST;

  static final String WINDOWS_QUERY = StreamingQueries.WINDOWS;

  private static final Duration RECOVERY_POLL = Duration.ofMillis(500);

  /** Longest wait for the pipeline to be healthy again after a fault. */
  static final Duration MAX_RECOVERY = Duration.ofMinutes(4);

  /** How long a recovered pipeline runs before the next fault strikes, or production ends. */
  static final Duration SETTLE = Duration.ofSeconds(15);

  private Instant lastFaultSettled = Instant.MIN;

  private final SoakSettings settings;
  private final FaultSchedule schedule;
  private final PrintStream out;
  private final List<Sample> samples = new CopyOnWriteArrayList<>();

  public SoakRun(SoakSettings settings, FaultSchedule schedule, PrintStream out) {
    this.settings = settings;
    this.schedule = schedule;
    this.out = out;
  }

  public SoakResult run() throws Exception {
    if (RedisServer.executable().isEmpty()) {
      throw new IllegalStateException(
          "the soak stops Redis, so it needs redis-server: apt-get install redis-server");
    }
    prepareOutput();
    SoakPorts ports = SoakPorts.pick();
    RunnerSettings runner =
        new RunnerSettings(
            settings.rate(),
            settings.streams(),
            ports.kafka(),
            ports.postgres(),
            ports.api(),
            ports.redis(),
            settings.dataDir(),
            Optional.empty(),
            true,
            true,
            Optional.empty(),
            settings.partitions());
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(new RedisConnection("127.0.0.1", ports.redis(), null).environment());
    LocalPipeline pipeline =
        new LocalPipeline(runner, env, out, out).producerArguments(settings.producerArguments());
    ScheduledExecutorService background = Executors.newScheduledThreadPool(2);
    try {
      Instant startAsked = Instant.now();
      pipeline.start();
      Instant t0 = Instant.now();
      out.printf(
          "%nsoak: pipeline up in %d s; producing %,d events/s for %d s%n",
          Duration.between(startAsked, t0).toSeconds(),
          settings.rate(),
          settings.duration().toSeconds());
      return drive(pipeline, runner, background, t0);
    } finally {
      background.shutdownNow();
      pipeline.shutdown();
    }
  }

  private SoakResult drive(
      LocalPipeline pipeline,
      RunnerSettings runner,
      ScheduledExecutorService background,
      Instant t0)
      throws Exception {
    PostgresProbe postgres =
        new PostgresProbe(
            pipeline.postgres().jdbcUrl(),
            pipeline.postgres().user(),
            pipeline.postgres().password());
    KafkaEndOffsets produced =
        new KafkaEndOffsets(pipeline.broker().bootstrapServers(), pipeline.topics());
    CheckpointProgress committed =
        new CheckpointProgress(settings.dataDir().resolve("checkpoints").resolve("ingest"));
    try (ApiProber api =
            new ApiProber(runner.apiPort(), pipeline.token(), Duration.ofMillis(200)).start();
        produced) {
      background.scheduleWithFixedDelay(() -> supervise(pipeline), 1, 1, TimeUnit.SECONDS);
      Sampler sampler = new Sampler(t0, pipeline, postgres, produced, committed, api);
      background.scheduleAtFixedRate(
          sampler::sample, 0, settings.sampleEvery().toMillis(), TimeUnit.MILLISECONDS);

      List<FaultOutcome> outcomes = strikeFaults(pipeline, postgres, produced, api, t0);
      sleepUntil(later(t0.plus(settings.duration()), lastFaultSettled));
      Instant productionEnd = Instant.now();
      stopProducer(pipeline);
      out.printf(
          "soak: producer stopped after %d s%n", Duration.between(t0, productionEnd).toSeconds());

      Instant readStart = Instant.now();
      ExpectedTables expected =
          ExpectedTables.readBack(
              pipeline.broker().bootstrapServers(),
              pipeline.topics(),
              WINDOW,
              SLIDE,
              ExpectedTables.DEFAULT_MOMENT_HISTORY,
              ExpectedTables.DEFAULT_MOMENT_THRESHOLD);
      KafkaReadback.Produced events = expected.events();
      out.printf(
          "soak: read back %,d records (%,d accepted, %,d rejected, %,d distinct events) in %d s%n",
          events.records(),
          events.accepted(),
          events.rejected(),
          expected.distinctEvents(),
          Duration.between(readStart, Instant.now()).toSeconds());

      PipelineVerdict verdict =
          expected.awaitEqual(
              postgres::connect, settings.drainTimeout(), note -> out.println("soak: " + note));
      List<TableDiff> diffs = verdict.diffs();
      Optional<Duration> drained =
          verdict.equalAt().map(equal -> Duration.between(productionEnd, equal));
      sampler.sample();
      sampler.close();
      out.printf(
          "soak: %s%n",
          drained
              .map(
                  d ->
                      "tables equal the ground truth "
                          + d.toSeconds()
                          + " s after production ended")
              .orElse("tables still differ from the ground truth after the drain timeout"));
      return new SoakResult(
          settings,
          t0,
          productionEnd,
          List.copyOf(samples),
          outcomes,
          events,
          expected.distinctEvents(),
          expected.duplicates(),
          committed.committedRecords().orElse(0L),
          diffs,
          drained,
          api.total(),
          api.answers(),
          api.firstFailures());
    }
  }

  /** Keeps the applications running, as the local runner does. */
  private void supervise(LocalPipeline pipeline) {
    try {
      pipeline.restartExitedApplications();
    } catch (RuntimeException e) {
      out.println("soak: restarting an application failed: " + e.getMessage());
    }
  }

  private List<FaultOutcome> strikeFaults(
      LocalPipeline pipeline,
      PostgresProbe postgres,
      KafkaEndOffsets produced,
      ApiProber api,
      Instant t0) {
    FaultInjector injector = new FaultInjector(pipeline);
    List<FaultOutcome> outcomes = new ArrayList<>();
    Instant notBefore = t0;
    for (FaultSchedule.Planned planned : schedule.faults()) {
      FaultKind kind = planned.kind();
      sleepUntil(later(t0.plus(planned.at()), notBefore));
      Instant struck = Instant.now();
      out.printf("soak: +%ds %s%n", Duration.between(t0, struck).toSeconds(), kind.label());
      injector.strike(kind);
      Optional<Instant> undone = Optional.empty();
      if (kind.lastsAnOutage()) {
        sleep(settings.outage().toMillis());
        injector.undo(kind);
        undone = Optional.of(Instant.now());
        out.printf(
            "soak: +%ds %s: started again%n",
            Duration.between(t0, undone.get()).toSeconds(), kind.label());
      } else if (kind != FaultKind.REDIS_STOP) {
        undone = Optional.of(struck);
      }
      Instant healthyFrom = undone.orElse(struck);
      Optional<Instant> recovered =
          pollUntil(
              recoveryCheck(kind, healthyFrom, postgres, produced, api),
              healthyFrom.plus(MAX_RECOVERY));
      out.printf(
          "soak: %s: %s%n",
          kind.label(),
          recovered
              .map(
                  r ->
                      String.format(
                          Locale.ROOT,
                          "healthy again %.1f s after %s",
                          Duration.between(healthyFrom, r).toMillis() / 1000.0,
                          kind.lastsAnOutage() ? "the restart" : "the fault"))
              .orElse("NOT healthy again within " + MAX_RECOVERY.toMinutes() + " min"));
      Instant tallyEnd = recovered.orElse(Instant.now());
      outcomes.add(
          new FaultOutcome(kind, struck, undone, recovered, api.between(struck, tallyEnd)));
      // the next fault waits until this one's recovery has been watched for a while
      notBefore = tallyEnd.plus(SETTLE);
    }
    lastFaultSettled = notBefore;
    return outcomes;
  }

  /** What "healthy again" means after each fault. */
  private BooleanSupplier recoveryCheck(
      FaultKind kind,
      Instant from,
      PostgresProbe postgres,
      KafkaEndOffsets produced,
      ApiProber api) {
    BooleanSupplier windowsWritten =
        () -> postgres.committedAfter(WINDOWS_QUERY, from).orElse(false);
    BooleanSupplier apiAnswers = () -> api.firstSuccessAfter(from).isPresent();
    return switch (kind) {
      case STREAMING_SIGKILL -> windowsWritten;
      case API_SIGKILL, REDIS_STOP -> apiAnswers;
      case POSTGRES_STOP -> () -> apiAnswers.getAsBoolean() && windowsWritten.getAsBoolean();
      case KAFKA_STOP -> {
        // the topics' size once the broker answers again; healthy when they grew past it
        AtomicLong before = new AtomicLong(-1);
        yield () -> {
          Optional<Long> now = produced.total();
          if (now.isEmpty()) {
            return false;
          }
          if (before.get() < 0) {
            before.set(now.get());
            return false;
          }
          return now.get() > before.get() && windowsWritten.getAsBoolean();
        };
      }
    };
  }

  private static Optional<Instant> pollUntil(BooleanSupplier condition, Instant deadline) {
    while (Instant.now().isBefore(deadline)) {
      if (condition.getAsBoolean()) {
        return Optional.of(Instant.now());
      }
      sleep(RECOVERY_POLL.toMillis());
    }
    return Optional.empty();
  }

  private void stopProducer(LocalPipeline pipeline) {
    pipeline
        .part(LocalPipeline.PRODUCER)
        .ifPresent(
            producer -> {
              pipeline.supervisor().forget(producer);
              producer.stop(Duration.ofSeconds(30));
            });
  }

  /** Samples throughput, freshness, API answers and memory. */
  private final class Sampler implements AutoCloseable {
    private final Instant t0;
    private final LocalPipeline pipeline;
    private final PostgresProbe postgres;
    private final KafkaEndOffsets produced;
    private final CheckpointProgress committed;
    private final ApiProber api;
    private final MemoryProbe memory = new MemoryProbe();
    private Instant last;
    private long lastProduced;
    private long lastCommitted;

    Sampler(
        Instant t0,
        LocalPipeline pipeline,
        PostgresProbe postgres,
        KafkaEndOffsets produced,
        CheckpointProgress committed,
        ApiProber api) {
      this.t0 = t0;
      this.pipeline = pipeline;
      this.postgres = postgres;
      this.produced = produced;
      this.committed = committed;
      this.api = api;
      this.last = t0;
      this.lastProduced = produced.total().orElse(0L);
      this.lastCommitted = committed.committedRecords().orElse(0L);
    }

    @Override
    public synchronized void close() {
      memory.close();
    }

    synchronized void sample() {
      try {
        Instant now = Instant.now();
        double seconds = Math.max(0.001, Duration.between(last, now).toMillis() / 1000.0);
        long producedNow = produced.total().orElse(lastProduced);
        long committedNow = committed.committedRecords().orElse(lastCommitted);
        Map<String, ProcessMemory> mem = new LinkedHashMap<>();
        for (RunningPart part : pipeline.supervisor().parts()) {
          boolean jvm = !part.name().equals("PostgreSQL") && !part.name().equals("Redis");
          part.pids().stream()
              .findFirst()
              .flatMap(pid -> memory.measure(pid, jvm))
              .ifPresent(m -> mem.put(part.name(), m));
        }
        ApiProber.Tally tally = api.between(last, now);
        samples.add(
            new Sample(
                Duration.between(t0, now).toMillis() / 1000.0,
                Math.max(0, producedNow - lastProduced) / seconds,
                Math.max(0, committedNow - lastCommitted) / seconds,
                postgres.newestWindowLagSeconds(SLIDE.toSeconds()).orElse(null),
                tally.requests(),
                tally.errors(),
                mem));
        last = now;
        lastProduced = producedNow;
        lastCommitted = committedNow;
      } catch (RuntimeException e) {
        out.println("soak: sampling failed: " + e);
      }
    }
  }

  private void prepareOutput() throws IOException {
    Files.createDirectories(settings.out());
    Path data = settings.dataDir();
    if (Files.exists(data)) {
      try (Stream<Path> walk = Files.walk(data)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static void sleepUntil(Instant when) {
    long ms = Duration.between(Instant.now(), when).toMillis();
    if (ms > 0) {
      sleep(ms);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
