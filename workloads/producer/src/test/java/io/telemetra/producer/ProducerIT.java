package io.telemetra.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.embedded.CertificateAuthority;
import io.telemetra.embedded.KafkaBroker;
import io.telemetra.embedded.KafkaTlsListeners;
import io.telemetra.events.EventCodec;
import io.telemetra.events.TopicCreator;
import io.telemetra.events.Topics;
import io.telemetra.runtime.KafkaConnection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The producer against a real KRaft broker: what it generates is exactly what lands in Kafka. */
class ProducerIT {

  @TempDir static Path dir;
  static CertificateAuthority kafkaCa;
  static KafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    kafkaCa = CertificateAuthority.create("telemetra-producer-it-ca");
    broker =
        KafkaBroker.onFreePorts(dir.resolve("kafka"))
            .withTls(KafkaTlsListeners.on(kafkaCa, Map.of()))
            .start();
  }

  @Test
  void overMutualTlsWithAPrivateCaFromTheEnvironmentItCreatesTopicsAndPublishesEverything()
      throws Exception {
    CertificateAuthority.Issued client = kafkaCa.issue("telemetra-producer", List.of());
    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", broker.sslBootstrapServers(),
            "KAFKA_SSL_CA_CERTIFICATES", kafkaCa.certificatePem(),
            "KAFKA_SSL_CLIENT_CERTIFICATE", client.certificatePem(),
            "KAFKA_SSL_CLIENT_KEY", client.privateKeyPem());

    Run run =
        cli(env, "--topic-prefix", "mtls", "--create-topics", "--count", "500", "--rate", "0");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("acked 500 failed 0");
    assertThat(run.toString()).doesNotContain("PRIVATE KEY");
    assertThat(
            TopicReader.readAll(
                broker.bootstrapServers(),
                new Topics("mtls").eventTopics(),
                500,
                Duration.ofSeconds(60)))
        .hasSize(500);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.stop();
    }
  }

  @Test
  void theCliPublishesExactlyTheGeneratedRecordsKeyedByStream() throws Exception {
    Instant start = Instant.parse("2026-11-27T09:00:00Z");
    Run run =
        cli(
            Map.of(),
            "--bootstrap-servers",
            broker.bootstrapServers(),
            "--topic-prefix",
            "exact",
            "--create-topics",
            "--partitions",
            "3",
            "--count",
            "4000",
            "--rate",
            "0",
            "--streams",
            "6",
            "--seed",
            "11",
            "--malformed-fraction",
            "0.05",
            "--duplicate-fraction",
            "0.02",
            "--out-of-order-fraction",
            "0.02",
            "--late-fraction",
            "0.02",
            "--late-by",
            "90s",
            "--event-time-start",
            start.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("done: 4,000 records").contains("acked 4,000 failed 0");

    EventGenerator expected =
        new EventGenerator(
            new GeneratorSettings(
                11,
                6,
                ProducerMain.FAST_EVENT_TIME_RATE,
                0.05,
                0.02,
                0.02,
                0.02,
                Duration.ofSeconds(90),
                start));
    Topics topics = new Topics("exact");
    Map<String, List<String>> expectedByTopicAndKey = new HashMap<>();
    int malformed = 0;
    for (int i = 0; i < 4000; i++) {
      GeneratedRecord record = expected.next();
      malformed += record.malformed() ? 1 : 0;
      expectedByTopicAndKey
          .computeIfAbsent(record.topic(topics) + "/" + record.key(), k -> new ArrayList<>())
          .add(new String(record.value(), StandardCharsets.ISO_8859_1));
    }
    assertThat(malformed).isGreaterThan(100);

    List<ConsumerRecord<String, byte[]>> consumed =
        TopicReader.readAll(
            broker.bootstrapServers(), topics.eventTopics(), 4000, Duration.ofSeconds(60));
    Map<String, List<String>> actualByTopicAndKey = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : consumed) {
      actualByTopicAndKey
          .computeIfAbsent(record.topic() + "/" + record.key(), k -> new ArrayList<>())
          .add(new String(record.value(), StandardCharsets.ISO_8859_1));
    }
    assertThat(consumed).hasSize(4000);
    // Per key (and so per partition) the order is kept: idempotence forbids reordering.
    assertThat(actualByTopicAndKey).isEqualTo(expectedByTopicAndKey);
  }

  @Test
  void createdTopicsAreTheFourEventTopicsAndTheDeadLetterTopic() throws Exception {
    Run run =
        cli(
            Map.of(),
            "--bootstrap-servers",
            broker.bootstrapServers(),
            "--topic-prefix",
            "created",
            "--create-topics",
            "--partitions",
            "4",
            "--count",
            "10");
    assertThat(run.exitCode()).as(run.toString()).isZero();

    try (Admin admin = admin()) {
      Map<String, TopicDescription> described =
          admin
              .describeTopics(new Topics("created").all())
              .allTopicNames()
              .get(30, TimeUnit.SECONDS);
      assertThat(described.keySet())
          .containsExactlyInAnyOrder(
              "created.chat",
              "created.viewer",
              "created.transactions",
              "created.stream_meta",
              "created.dlq");
      described.values().forEach(d -> assertThat(d.partitions()).hasSize(4));
    }
    // A second run finds them and creates nothing.
    Run again =
        cli(
            Map.of(),
            "--bootstrap-servers",
            broker.bootstrapServers(),
            "--topic-prefix",
            "created",
            "--create-topics",
            "--count",
            "1");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).doesNotContain("created topics");
  }

  @Test
  void optionsDefaultToTheEnvironmentOfTheConfigurationReference() {
    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
            "TELEMETRA_TOPIC_PREFIX", "fromenv",
            "PRODUCER_RATE_PER_SEC", "400",
            "PRODUCER_STREAMS", "3",
            "PRODUCER_SEED", "5",
            "PRODUCER_MALFORMED_FRACTION", "0.1",
            "PRODUCER_DURATION_SECONDS", "3");

    Run run = cli(env, "--create-topics", "--progress-interval", "1s");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("3 streams, 400 events/s, seed 5, 10.0% malformed")
        .contains("fromenv.*")
        .containsPattern("\\[ +\\d+\\.\\ds\\] sent");
    long sent = recordsIn(run.out());
    assertThat(sent).isBetween(900L, 1_201L);
    List<ConsumerRecord<String, byte[]>> consumed =
        TopicReader.readAll(
            broker.bootstrapServers(),
            new Topics("fromenv").eventTopics(),
            sent,
            Duration.ofSeconds(60));
    assertThat(consumed).hasSize((int) sent);
    EventCodec codec = EventCodec.withSystemClock();
    long rejected =
        consumed.stream()
            .filter(r -> !codec.decode(new Topics("fromenv"), r.topic(), r.value()).isAccepted())
            .count();
    assertThat(rejected / (double) sent).isBetween(0.05, 0.15);
  }

  @Test
  void missingTopicsAreReportedInOneLineWithoutCreatingThem() {
    Run run =
        cli(
            Map.of(),
            "--bootstrap-servers",
            broker.bootstrapServers(),
            "--topic-prefix",
            "absent",
            "--count",
            "5");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo(
            "topic absent.chat does not exist at "
                + broker.bootstrapServers()
                + ": create it, or pass --create-topics");
  }

  @Test
  void thePublisherCountsWhatKafkaAcknowledged() throws Exception {
    Topics topics = new Topics("api");
    try (Admin admin = admin()) {
      TopicCreator.createMissing(admin, topics, 2, (short) 1, Duration.ofSeconds(30));
      assertThat(TopicCreator.awaitWritable(admin, topics, Duration.ofSeconds(30))).isTrue();
    }
    EventGenerator generator =
        new EventGenerator(GeneratorSettings.defaults().withSeed(3).withMalformedFraction(0.1));
    try (EventPublisher publisher =
        new EventPublisher(KafkaConnection.plaintext(broker.bootstrapServers()), topics)) {
      for (int i = 0; i < 2_500; i++) {
        publisher.send(generator.next());
      }
      publisher.flush();

      assertThat(publisher.acknowledged()).isEqualTo(2_500);
      assertThat(publisher.failed()).isZero();
    }
    assertThat(
            TopicReader.readAll(
                broker.bootstrapServers(), topics.eventTopics(), 2_500, Duration.ofSeconds(60)))
        .hasSize(2_500);
  }

  @Test
  void ctrlCFlushesEverythingSentAndPrintsASummary() throws Exception {
    Path jar = RunnableJar.path();
    Process process =
        new ProcessBuilder(
                // A process started in the background by a shell without job control inherits
                // SIGINT ignored, and a JVM leaves an ignored SIGINT alone (seen when CI itself
                // ran in the background: this test waited forever). Reset it as a terminal's
                // Ctrl-C would find it, then run the producer in the same process.
                "python3",
                "-c",
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL);"
                    + " os.execv(sys.argv[1], sys.argv[1:])",
                javaBinary(),
                "-Xmx256m",
                "-jar",
                jar.toString(),
                "--bootstrap-servers",
                broker.bootstrapServers(),
                "--topic-prefix",
                "sigterm",
                "--create-topics",
                "--rate",
                "3000",
                "--progress-interval",
                "1s")
            .redirectErrorStream(true)
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
        if (line.contains("] sent ")
            && lines.stream().filter(l -> l.contains("] sent ")).count() == 3) {
          // SIGINT, exactly what Ctrl-C sends.
          new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        }
      }
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = String.join("\n", lines);
    String summary = lines.get(lines.size() - 1);
    assertThat(summary).as(output).startsWith("stopped: ").contains("failed 0");
    assertThat(output).doesNotContain("Exception");
    Matcher acked = Pattern.compile("acked ([\\d,]+) failed 0").matcher(summary);
    assertThat(acked.find()).isTrue();
    long ackedCount = Long.parseLong(acked.group(1).replace(",", ""));
    assertThat(recordsIn(summary)).isEqualTo(ackedCount).isGreaterThan(1_000);
    assertThat(
            TopicReader.readAll(
                broker.bootstrapServers(),
                new Topics("sigterm").eventTopics(),
                ackedCount,
                Duration.ofSeconds(60)))
        .hasSize((int) ackedCount);
  }

  static Run cli(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        ProducerMain.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true), false);
    return new Run(code, out.toString(), err.toString());
  }

  static long recordsIn(String output) {
    Matcher m = Pattern.compile("(?:done|stopped): ([\\d,]+) records").matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    return Admin.create(props);
  }

  record Run(int exitCode, String out, String err) {}
}
