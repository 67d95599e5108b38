package io.telemetra.producer;

import io.telemetra.embedded.KafkaBroker;
import io.telemetra.events.TopicCreator;
import io.telemetra.events.Topics;
import io.telemetra.runtime.KafkaConnection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Producer throughput benchmark, not a test: starts a KRaft broker, measures how many generated
 * events one thread publishes per second (generation, encoding and sending included), then runs
 * Kafka's own {@code ProducerPerformance} with the same producer settings, the same number of
 * records and the same payloads, and prints both figures and their ratio.
 *
 * <p>Run: {@code ./mvnw -B -f workloads/producer/pom.xml -Pbench verify} (arguments: work
 * directory, measured seconds).
 */
public final class ProducerBenchmark {

  private static final int PARTITIONS = 3;
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private static final int PAYLOAD_SAMPLES = 20_000;

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    Files.createDirectories(dir);
    Path kafkaDir = Files.createTempDirectory(dir, "kafka");
    try (KafkaBroker broker = KafkaBroker.onFreePorts(kafkaDir).start()) {
      Topics topics = new Topics("bench");
      String perfTopic = "bench.perf";
      try (Admin admin = admin(broker)) {
        TopicCreator.createMissing(admin, topics, PARTITIONS, (short) 1, Duration.ofSeconds(30));
        admin.createTopics(List.of(new NewTopic(perfTopic, PARTITIONS, (short) 1))).all().get();
        TopicCreator.awaitWritable(admin, topics, Duration.ofSeconds(30));
        TopicCreator.awaitWritable(admin, List.of(perfTopic), Duration.ofSeconds(30));
      }
      KafkaConnection kafka = KafkaConnection.plaintext(broker.bootstrapServers());
      GeneratorSettings settings =
          GeneratorSettings.defaults()
              .withSeed(2026)
              .withStreams(50)
              .withRatePerSecond(ProducerMain.FAST_EVENT_TIME_RATE)
              .withEventTimeStart(Instant.now());

      System.out.println("== warm-up (5 s, not counted)");
      Result warmup = publishFor(kafka, topics, settings.withSeed(1), Duration.ofSeconds(5));
      System.out.println("   " + warmup);
      Path payloads = dir.resolve("payloads.txt");
      writePayloads(settings, payloads);

      // Interleaved rounds, so both sides see the same share of a busy machine.
      int rounds = 3;
      long ourRecords = 0;
      long ourBytes = 0;
      long ourNanos = 0;
      long ourCpu = 0;
      double theirSeconds = 0;
      long theirCpu = 0;
      String load = loadAverage();
      for (int round = 1; round <= rounds; round++) {
        Duration slice = Duration.ofMillis(seconds * 1000L / rounds);
        Result ours = publishFor(kafka, topics, settings.withSeed(2026 + round), slice);
        System.out.printf(
            Locale.ROOT, "== round %d: telemetra producer, one thread: %s%n", round, ours);
        Theirs theirs =
            producerPerformance(broker.bootstrapServers(), perfTopic, ours.records(), payloads);
        System.out.printf(
            Locale.ROOT,
            "== round %d: Kafka ProducerPerformance, %,d records of the same payloads: %,.0f records/s;"
                + " %,.0f records per CPU-second of the thread%n",
            round,
            ours.records(),
            theirs.perSecond(),
            ours.records() / (theirs.cpuNanos() / 1e9));
        ourRecords += ours.records();
        ourBytes += ours.bytes();
        ourNanos += ours.nanos();
        ourCpu += ours.cpuNanos();
        theirSeconds += ours.records() / theirs.perSecond();
        theirCpu += theirs.cpuNanos();
      }
      Result ours = new Result(ourRecords, ourBytes, ourNanos, ourCpu);
      double theirs = ourRecords / theirSeconds;
      double theirsPerCpuSecond = ourRecords / (theirCpu / 1e9);

      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "RESULT telemetra producer: %,.0f events/s (%.1f MB/s, avg %d bytes) from one thread, %,d events in %.1f s%n",
          ours.perSecond(),
          ours.megabytesPerSecond(),
          ours.averageBytes(),
          ours.records(),
          ours.nanos() / 1e9);
      System.out.printf(Locale.ROOT, "RESULT Kafka ProducerPerformance: %,.0f records/s%n", theirs);
      System.out.printf(
          Locale.ROOT,
          "RESULT ratio telemetra / ProducerPerformance: %.2f%n",
          ours.perSecond() / theirs);
      System.out.printf(
          Locale.ROOT,
          "RESULT per CPU-second of the producing thread: telemetra %,.0f events, ProducerPerformance"
              + " %,.0f records, ratio %.2f%n",
          ours.perCpuSecond(),
          theirsPerCpuSecond,
          ours.perCpuSecond() / theirsPerCpuSecond);
      System.out.printf(
          Locale.ROOT,
          "RESULT generator alone (no Kafka): %,.0f events/s%n",
          generatorAlone(settings, Duration.ofSeconds(5)));
      System.out.printf(
          Locale.ROOT,
          "RESULT machine: %d cores, load average %s at start, %s at end%n",
          Runtime.getRuntime().availableProcessors(),
          load,
          loadAverage());
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "unknown";
    }
  }

  /** Generates and publishes from this one thread for {@code duration}, then flushes. */
  static Result publishFor(
      KafkaConnection kafka, Topics topics, GeneratorSettings settings, Duration duration) {
    EventGenerator generator = new EventGenerator(settings);
    long records = 0;
    long bytes = 0;
    long start = System.nanoTime();
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long end = start + duration.toNanos();
    try (EventPublisher publisher = new EventPublisher(kafka, topics)) {
      while (true) {
        // Check the clock every 1,024 records only.
        if ((records & 1023) == 0 && System.nanoTime() >= end) {
          break;
        }
        GeneratedRecord record = generator.next();
        publisher.send(record);
        records++;
        bytes += record.value().length;
      }
      publisher.flush();
      long elapsed = System.nanoTime() - start;
      long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
      if (publisher.failed() > 0 || publisher.acknowledged() != records) {
        throw new IllegalStateException(
            "acked "
                + publisher.acknowledged()
                + " of "
                + records
                + ", failed "
                + publisher.failed());
      }
      return new Result(records, bytes, elapsed, cpu);
    }
  }

  static double generatorAlone(GeneratorSettings settings, Duration duration) {
    EventGenerator generator = new EventGenerator(settings.withSeed(99));
    long records = 0;
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long sink = 0;
    while ((records & 1023) != 0 || System.nanoTime() < end) {
      sink += generator.next().value().length;
      records++;
    }
    if (sink == 42) {
      System.out.println();
    }
    return records / ((System.nanoTime() - start) / 1e9);
  }

  private static void writePayloads(GeneratorSettings settings, Path file) throws Exception {
    EventGenerator generator = new EventGenerator(settings);
    List<String> lines = new ArrayList<>(PAYLOAD_SAMPLES);
    for (int i = 0; i < PAYLOAD_SAMPLES; i++) {
      lines.add(new String(generator.next().value(), StandardCharsets.UTF_8));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** What ProducerPerformance reported, and the CPU time of the thread that ran it. */
  record Theirs(double perSecond, long cpuNanos) {}

  /** Runs ProducerPerformance in this JVM (on this thread) and returns its records/s. */
  private static Theirs producerPerformance(
      String bootstrap, String topic, long records, Path payloads) throws Exception {
    Properties props = EventPublisher.producerProperties(KafkaConnection.plaintext(bootstrap));
    List<String> args =
        new ArrayList<>(
            List.of(
                "--topic",
                topic,
                "--num-records",
                Long.toString(records),
                "--payload-file",
                payloads.toString(),
                "--throughput",
                "-1",
                "--producer-props"));
    for (String name : props.stringPropertyNames()) {
      if (!name.endsWith("serializer")) {
        args.add(name + "=" + props.getProperty(name));
      }
    }
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long cpu;
    try {
      Class.forName("org.apache.kafka.tools.ProducerPerformance")
          .getMethod("main", String[].class)
          .invoke(null, (Object) args.toArray(String[]::new));
    } finally {
      cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    Matcher total =
        Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec").matcher(lastLine(output));
    if (!total.find()) {
      throw new IllegalStateException("no total in ProducerPerformance output:\n" + output);
    }
    return new Theirs(Double.parseDouble(total.group(2)), cpu);
  }

  private static String lastLine(String output) {
    List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  private static Admin admin(KafkaBroker broker) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    return Admin.create(props);
  }

  /** Records published, bytes of their values, and how long it took. */
  record Result(long records, long bytes, long nanos, long cpuNanos) {
    double perSecond() {
      return records / (nanos / 1e9);
    }

    /** Records per second of CPU time of the producing thread: independent of machine load. */
    double perCpuSecond() {
      return records / (cpuNanos / 1e9);
    }

    double megabytesPerSecond() {
      return bytes / (nanos / 1e9) / (1024 * 1024);
    }

    long averageBytes() {
      return records == 0 ? 0 : bytes / records;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%,d events in %.1f s: %,.0f events/s, %.1f MB/s; %,.0f events per CPU-second of the thread",
          records,
          nanos / 1e9,
          perSecond(),
          megabytesPerSecond(),
          perCpuSecond());
    }
  }

  /** Writes to two streams at once. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }

    @Override
    public void flush() throws java.io.IOException {
      a.flush();
      b.flush();
    }
  }
}
