package io.telemetra.local;

import io.telemetra.embedded.KafkaBroker;
import io.telemetra.embedded.Postgres;
import io.telemetra.embedded.RedisServer;
import io.telemetra.events.TopicCreator;
import io.telemetra.events.Topics;
import io.telemetra.local.ChildJvm.ChildPart;
import io.telemetra.local.PartClasspaths.PartUnavailable;
import io.telemetra.runtime.KafkaConnection;
import io.telemetra.runtime.PostgresConnection;
import io.telemetra.runtime.RedisConnection;
import io.telemetra.schema.SchemaMigrator;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * Starts the whole pipeline on this machine in dependency order, tells the user what runs where,
 * and keeps it running until the duration is over, a part dies, or the user presses Ctrl-C.
 */
public final class LocalPipeline {

  /** Part names, as printed and as {@link #part} takes them. */
  public static final String STREAMING = "streaming job";

  public static final String PRODUCER = "producer";
  public static final String API = "API + dashboard";

  /** What the streaming job prints once its queries run (StreamingJobMain.READY_LINE). */
  static final String STREAMING_READY_LINE = "telemetra-streaming started";

  private static final Duration APPLICATION_GRACE = Duration.ofSeconds(6);
  private static final Duration INFRASTRUCTURE_GRACE = Duration.ofSeconds(3);

  private final RunnerSettings settings;
  private final Map<String, String> env;
  private final Progress progress;
  private final PrintStream err;
  private final Supervisor supervisor = new Supervisor(APPLICATION_GRACE, INFRASTRUCTURE_GRACE);
  private final Map<String, String> unavailable = new ConcurrentHashMap<>();
  private final Topics topics;
  private final DataDirectory dataDir;

  private final Leftovers leftovers;
  private final Instant startedAt = Instant.now();

  private final Map<String, RestartBackoff> backoffs = new ConcurrentHashMap<>();
  private List<String> producerArguments = List.of();

  private volatile KafkaBroker broker;
  private volatile Postgres postgres;
  private volatile RedisServer redis;
  private volatile CacheChoice cache;
  private volatile String token;
  private DashboardProbe dashboard;
  private boolean waitingForWindows;

  public LocalPipeline(
      RunnerSettings settings, Map<String, String> env, PrintStream out, PrintStream err) {
    this.settings = settings;
    this.env = env;
    this.progress = new Progress(out);
    this.err = err;
    this.topics = new Topics(env.getOrDefault("TELEMETRA_TOPIC_PREFIX", Topics.DEFAULT_PREFIX));
    this.dataDir = new DataDirectory(settings.dataDir());
    this.leftovers = new Leftovers(dataDir.root().resolve("processes"));
  }

  /** Records a started part with the supervisor, and its processes for the next run. */
  private void started(RunningPart part, Supervisor.Tier tier) {
    supervisor.started(part, tier);
    leftovers.record(part.pids());
  }

  /**
   * Extra command-line options for the producer (e.g. {@code --seed 7 --malformed-fraction 0.01});
   * the rate and stream count come from the settings.
   */
  public LocalPipeline producerArguments(List<String> arguments) {
    this.producerArguments = List.copyOf(arguments);
    return this;
  }

  /** Runs until done; returns the process exit code. */
  public int run() {
    int code = open();
    if (code != 0) {
      return code;
    }
    Thread hook = new Thread(this::shutdown, "telemetra-local-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      plan().run();
    } catch (Exception e) {
      if (!supervisor.isStopping()) {
        progress.failed("start-up failed", describe(e));
      }
      return 1;
    }
    if (supervisor.isStopping()) {
      return 130;
    }
    announce();
    return keepRunning();
  }

  /**
   * Starts every part and returns once all run, for harnesses that drive the pipeline themselves
   * (the soak): they call {@link #restartExitedApplications} to keep it running and {@link
   * #shutdown} at the end.
   */
  public void start() throws Exception {
    int code = open();
    if (code != 0) {
      throw new IllegalStateException(
          "the local pipeline could not start (exit code " + code + ")");
    }
    plan().run();
  }

  /** Opens the data directory and checks the ports; returns 0, or the exit code to stop with. */
  private int open() {
    progress.plain("Telemetra local runner " + PartClasspaths.version());
    boolean resuming = dataDir.hasEarlierRun();
    try {
      dataDir.open();
    } catch (IllegalStateException e) {
      err.println(e.getMessage());
      return 2;
    }
    int leftover = leftovers.stopAll(Duration.ofSeconds(10));
    if (leftover > 0) {
      progress.note(
          "stopped " + leftover + " process(es) left running by an earlier run that was killed");
    }
    cache = CacheChoice.decide(env, settings.redis(), settings.redisPort());
    List<String> conflicts =
        PortCheck.ofThisMachine()
            .conflicts(settings.portUses(cache.kind() == CacheChoice.Kind.STARTED_REDIS));
    if (!conflicts.isEmpty()) {
      conflicts.forEach(err::println);
      err.println("Nothing was started.");
      return 2;
    }
    progress.note(
        "data in "
            + dataDir.root()
            + (resuming ? " (earlier run found: resuming from it)" : " (first run)")
            + "; logs in "
            + dataDir.logs());
    token = ApiTokenFile.loadOrCreate(dataDir.tokenFile(), settings.token());
    return 0;
  }

  /** The start-up steps and what each waits for. */
  StartupPlan plan() {
    StartupPlan plan = new StartupPlan();
    plan.step("broker", List.of(), this::startBroker);
    plan.step("postgres", List.of(), this::startPostgres);
    plan.step("cache", List.of(), this::startCache);
    plan.step("schema", List.of("postgres"), this::migrateSchema);
    plan.step("topics", List.of("broker"), this::createTopics);
    plan.step("streaming", List.of("schema", "topics"), this::startStreamingJob);
    plan.step("api", List.of("schema", "cache"), this::startApi);
    plan.step("producer", List.of("topics"), this::startProducer);
    return plan;
  }

  private void startBroker() {
    Instant t0 = Instant.now();
    KafkaBroker b =
        KafkaBroker.on(dataDir.kafka(), settings.kafkaPort(), settings.kafkaControllerPort());
    broker = b;
    try {
      b.start();
    } finally {
      started(InfrastructureParts.of(b), Supervisor.Tier.INFRASTRUCTURE);
    }
    progress.done("Kafka broker (KRaft) on " + b.bootstrapServers(), since(t0));
  }

  private void startPostgres() {
    Instant t0 = Instant.now();
    Postgres p = Postgres.on(dataDir.postgres(), settings.postgresPort());
    postgres = p;
    try {
      p.start();
    } finally {
      started(InfrastructureParts.of(p), Supervisor.Tier.INFRASTRUCTURE);
    }
    progress.done("PostgreSQL on " + p.host() + ":" + p.port(), since(t0));
  }

  private void startCache() {
    Instant t0 = Instant.now();
    switch (cache.kind()) {
      case STARTED_REDIS:
        RedisServer server = RedisServer.on(dataDir.redis(), cache.port());
        redis = server;
        try {
          server.start();
        } finally {
          started(InfrastructureParts.of(server), Supervisor.Tier.INFRASTRUCTURE);
        }
        progress.done("Redis cache: redis-server on 127.0.0.1:" + cache.port(), since(t0));
        break;
      case EXISTING_REDIS:
        progress.done(
            "Redis cache: using the Redis at " + cache.host() + ":" + cache.port(), since(t0));
        break;
      default:
        progress.done("Cache: the API's in-process cache (" + cache.reason() + ")", since(t0));
    }
  }

  private void migrateSchema() {
    Instant t0 = Instant.now();
    String version =
        SchemaMigrator.forUrl(postgres.jdbcUrl(), postgres.user(), postgres.password()).migrate();
    progress.done("Schema migrated to version " + version, since(t0));
  }

  private void createTopics() throws Exception {
    Instant t0 = Instant.now();
    Duration timeout = Duration.ofSeconds(30);
    try (Admin admin =
        Admin.create(KafkaConnection.plaintext(broker.bootstrapServers()).properties())) {
      TopicCreator.createMissing(admin, topics, settings.partitions(), (short) 1, timeout);
      if (!TopicCreator.awaitWritable(admin, topics, timeout)) {
        throw new IllegalStateException(
            "the topics' partitions have no writable leader after " + timeout.toSeconds() + " s");
      }
    }
    progress.done(
        "Topics " + topics.prefix() + ".{chat,viewer,transactions,stream_meta,dlq}", since(t0));
  }

  private void startStreamingJob() throws Exception {
    Instant t0 = Instant.now();
    String classpath;
    try {
      classpath = PartClasspaths.of("streaming", "workloads/streaming");
    } catch (PartUnavailable e) {
      notAvailable(STREAMING, e.getMessage());
      return;
    }
    List<String> jvm = new ArrayList<>(List.of("-Xms512m", "-Xmx2g", "-XX:+UseG1GC"));
    jvm.addAll(PartClasspaths.javaOpens());
    // Defaults only: the job's own settings win over these system properties.
    jvm.add("-Dspark.ui.enabled=false");
    jvm.add("-Dspark.sql.shuffle.partitions=4");
    ChildJvm job =
        ChildJvm.named(STREAMING)
            .jvmArgs(jvm)
            .classpathMain(classpath, "io.telemetra.streaming.StreamingJobMain")
            .env("SPARK_MASTER", "local[2]")
            .env("SPARK_LOCAL_IP", "127.0.0.1")
            .env("CHECKPOINT_LOCATION", dataDir.checkpoints().toString());
    kafkaEnv(job);
    postgresEnv(job);
    ChildPart part = job.start(dataDir.log("streaming"), STREAMING_READY_LINE);
    startedApplication(part);
    part.awaitReady(Duration.ofSeconds(180));
    progress.done("Streaming job (Spark local[2], checkpoints kept)", since(t0));
  }

  private void startApi() throws Exception {
    Instant t0 = Instant.now();
    java.nio.file.Path jar;
    try {
      jar = PartClasspaths.jarOf("api", "workloads/api", "telemetra-api");
    } catch (PartUnavailable e) {
      notAvailable(API, e.getMessage());
      return;
    }
    ChildJvm api =
        ChildJvm.named(API)
            .jvmArgs(List.of("-Xms256m", "-Xmx768m", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1"))
            .executableJar(jar)
            .env("API_PORT", String.valueOf(settings.apiPort()))
            .env("API_AUTH_TOKEN_FILE", dataDir.tokenFile().toString())
            .unset("API_AUTH_TOKEN");
    postgresEnv(api);
    switch (cache.kind()) {
      case IN_PROCESS:
        api.unset(RedisConnection.VARIABLES.toArray(String[]::new));
        break;
      case STARTED_REDIS:
        api.unset(RedisConnection.VARIABLES.toArray(String[]::new));
        new RedisConnection(cache.host(), cache.port(), null).environment().forEach(api::env);
        break;
      default:
        // A Redis the user runs: its password variables, if any, pass through.
        api.env(RedisConnection.HOST, cache.host())
            .env(RedisConnection.PORT, String.valueOf(cache.port()));
    }
    ChildPart part = api.start(dataDir.log("api"), "Started TelemetraApiApplication");
    startedApplication(part);
    awaitReady(part, dashboard()::answers, Duration.ofSeconds(180));
    progress.done("API + dashboard on http://localhost:" + settings.apiPort(), since(t0));
  }

  private void startProducer() throws Exception {
    if (!settings.producer()) {
      progress.note(
          "– producer not started (--no-producer): feed your own events to "
              + broker.bootstrapServers());
      return;
    }
    Instant t0 = Instant.now();
    java.nio.file.Path jar;
    try {
      jar = PartClasspaths.jarOf("producer", "workloads/producer", "telemetra-producer");
    } catch (PartUnavailable e) {
      notAvailable(PRODUCER, e.getMessage());
      return;
    }
    ChildJvm producer =
        ChildJvm.named(PRODUCER)
            .jvmArgs(List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"))
            .executableJar(jar)
            .env("PRODUCER_RATE_PER_SEC", String.valueOf(settings.rate()))
            .env("PRODUCER_STREAMS", String.valueOf(settings.streams()))
            .unset("PRODUCER_DURATION_SECONDS", "PRODUCER_MALFORMED_FRACTION", "PRODUCER_SEED")
            .args(producerArguments);
    kafkaEnv(producer);
    ChildPart part = producer.start(dataDir.log("producer"), "producing to ");
    startedApplication(part);
    part.awaitReady(Duration.ofSeconds(60));
    progress.done(
        "Producer: " + settings.rate() + " events/s across " + settings.streams() + " streams",
        since(t0));
  }

  private void kafkaEnv(ChildJvm child) {
    child.unset(KafkaConnection.VARIABLES.toArray(String[]::new));
    KafkaConnection.plaintext(broker.bootstrapServers()).environment().forEach(child::env);
    child.env("TELEMETRA_TOPIC_PREFIX", topics.prefix());
  }

  private void postgresEnv(ChildJvm child) {
    // Nothing of the runner's own environment (a POSTGRES_URL, TLS settings) reaches the child.
    child
        .unset(PostgresConnection.VARIABLES.toArray(String[]::new))
        .env(PostgresConnection.HOST, postgres.host())
        .env(PostgresConnection.PORT, String.valueOf(postgres.port()))
        .env(PostgresConnection.DATABASE, Postgres.DATABASE)
        .env(PostgresConnection.USER, postgres.user())
        .env(PostgresConnection.PASSWORD, postgres.password());
  }

  private void notAvailable(String part, String why) {
    unavailable.put(part, why);
    progress.failed(part + " NOT AVAILABLE", why);
  }

  /** Prints where to look, after waiting for the first windows when everything runs. */
  private void announce() {
    if (!unavailable.containsKey(API)
        && !unavailable.containsKey(STREAMING)
        && settings.producer()
        && !unavailable.containsKey(PRODUCER)) {
      Instant t0 = Instant.now();
      if (awaitFirstWindows(Duration.ofSeconds(180))) {
        progress.done(
            "New windows visible via the API ("
                + Progress.seconds(progress.sinceStart()).strip()
                + " after the command)",
            since(t0));
      } else if (!supervisor.isStopping()) {
        waitingForWindows = true;
        progress.failed(
            "no new windows yet",
            "the dashboard fills once the streaming job's first batches are done; logs in "
                + dataDir.logs());
      }
    }
    progress.plain("");
    if (!unavailable.containsKey(API)) {
      progress.plain("Dashboard: http://localhost:" + settings.apiPort() + "/#token=" + token);
      progress.plain("API token: " + token + "  (kept in " + dataDir.tokenFile() + ")");
    }
    progress.plain(
        "Kafka:     "
            + broker.bootstrapServers()
            + "   Postgres: "
            + postgres.jdbcUrl()
            + " (user postgres)");
    if (!unavailable.isEmpty()) {
      progress.plain("Not running: " + String.join(", ", unavailable.keySet()) + " (see above)");
    }
    progress.plain(
        settings
            .duration()
            .map(d -> "Stopping after " + d.toSeconds() + " s; Ctrl-C stops earlier.")
            .orElse("Press Ctrl-C to stop."));
  }

  private boolean awaitFirstWindows(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline) && !supervisor.isStopping()) {
      if (supervisor.firstDeadPart().isPresent()) {
        return false;
      }
      if (dashboard().streamsWithWindowsEndingAfter(startedAt) > 0) {
        return true;
      }
      sleep(500);
    }
    return false;
  }

  private int keepRunning() {
    Optional<Instant> end = settings.duration().map(d -> Instant.now().plus(d));
    long polls = 0;
    while (!supervisor.isStopping()) {
      if (waitingForWindows
          && ++polls % 8 == 0
          && dashboard().streamsWithWindowsEndingAfter(startedAt) > 0) {
        waitingForWindows = false;
        progress.done(
            "New windows visible via the API ("
                + Progress.seconds(progress.sinceStart()).strip()
                + " after the command)",
            Duration.ZERO);
      }
      restartExitedApplications();
      Optional<RunningPart> dead =
          supervisor.deadParts(Supervisor.Tier.INFRASTRUCTURE).stream().findFirst();
      if (dead.isPresent()) {
        progress.failed(
            dead.get().name() + " stopped unexpectedly",
            dead.get().logFile().map(l -> "see " + l).orElse("see the logs in " + dataDir.logs()));
        return 1;
      }
      if (end.isPresent() && Instant.now().isAfter(end.get())) {
        progress.plain("Duration reached.");
        return 0;
      }
      sleep(250);
    }
    return 130;
  }

  private void startedApplication(ChildPart part) {
    backoffs.computeIfAbsent(part.name(), n -> new RestartBackoff()).started(Instant.now());
    started(part, Supervisor.Tier.APPLICATION);
  }

  /**
   * Starts again, after a growing pause ({@link RestartBackoff}), each application (streaming job,
   * API, producer) that exited although nobody asked it to: a crash, or giving up while Postgres or
   * Kafka was away. Its checkpoints and data are kept, so it resumes where it was. Returns how many
   * were started again; blocks while they start.
   */
  public int restartExitedApplications() {
    int restarted = 0;
    for (RunningPart dead : supervisor.deadParts(Supervisor.Tier.APPLICATION)) {
      RestartBackoff backoff = backoffs.computeIfAbsent(dead.name(), n -> new RestartBackoff());
      Duration delay = backoff.delayAt(Instant.now());
      progress.failed(
          dead.name() + " exited; starting it again in " + delay.toSeconds() + " s",
          dead.logFile().map(l -> "see " + l).orElse("see the logs in " + dataDir.logs()));
      supervisor.forget(dead);
      sleep(delay.toMillis());
      if (supervisor.isStopping()) {
        return restarted;
      }
      Instant t0 = Instant.now();
      try {
        switch (dead.name()) {
          case STREAMING -> startStreamingJob();
          case API -> startApi();
          case PRODUCER -> startProducer();
          default -> throw new IllegalStateException("no way to start " + dead.name());
        }
        restarted++;
        progress.done(dead.name() + " running again", since(t0));
      } catch (Exception e) {
        progress.failed(dead.name() + " did not start again", describe(e));
      }
    }
    return restarted;
  }

  /** The running part called {@code name} ({@link #STREAMING}, "Kafka broker", ...), if any. */
  public Optional<RunningPart> part(String name) {
    return supervisor.parts().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public KafkaBroker broker() {
    return broker;
  }

  public Postgres postgres() {
    return postgres;
  }

  /** The redis-server this pipeline started, if it started one. */
  public Optional<RedisServer> redis() {
    return Optional.ofNullable(redis);
  }

  public Topics topics() {
    return topics;
  }

  /** The API token (the dashboard link carries it). */
  public String token() {
    return token;
  }

  /** Stops everything in reverse order; runs as the JVM's shutdown hook. */
  public void shutdown() {
    Instant t0 = Instant.now();
    if (!supervisor.parts().isEmpty()) {
      progress.plain("Stopping…");
    }
    List<String> order = supervisor.stopAll();
    int midStart = stopPartsStillStarting(Duration.ofSeconds(3));
    if (!order.isEmpty() || midStart > 0) {
      progress.done(
          "Stopped "
              + String.join(", ", order)
              + (midStart > 0 ? (order.isEmpty() ? "" : ", ") + midStart + " still starting" : ""),
          since(t0));
    }
    dataDir.close();
  }

  /**
   * Stops what was still starting when the user pressed Ctrl-C, and so never reached the
   * supervisor: child processes of this JVM, and a PostgreSQL server on this run's data directory
   * (pg_ctl runs it outside this JVM's process tree). Returns how many there were.
   */
  private int stopPartsStillStarting(Duration grace) {
    List<ProcessHandle> left = new ArrayList<>(ProcessHandle.current().descendants().toList());
    InfrastructureParts.postmasterPid(dataDir.postgres())
        .flatMap(ProcessHandle::of)
        .filter(p -> !left.contains(p))
        .ifPresent(left::add);
    left.removeIf(p -> !p.isAlive());
    left.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle p : left) {
      try {
        p.onExit()
            .get(
                Math.max(0, deadline - System.nanoTime()),
                java.util.concurrent.TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
    return left.size();
  }

  private synchronized DashboardProbe dashboard() {
    if (dashboard == null) {
      dashboard = new DashboardProbe(settings.apiPort(), token);
    }
    return dashboard;
  }

  public Supervisor supervisor() {
    return supervisor;
  }

  private void awaitReady(ChildPart part, BooleanSupplier ready, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (!ready.getAsBoolean()) {
      if (!part.isAlive()) {
        throw new IllegalStateException(
            part.name() + " exited while starting; see " + part.logFile().orElseThrow());
      }
      if (supervisor.isStopping()) {
        throw new IllegalStateException("stopping");
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            part.name()
                + " not ready after "
                + timeout.toSeconds()
                + " s; see "
                + part.logFile().orElseThrow());
      }
      sleep(250);
    }
  }

  private static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null
        && (t.getMessage() == null || t instanceof java.util.concurrent.CompletionException)) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  private static Duration since(Instant t0) {
    return Duration.between(t0, Instant.now());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
