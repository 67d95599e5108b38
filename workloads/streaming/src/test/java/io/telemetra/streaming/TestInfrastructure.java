package io.telemetra.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.embedded.CertificateAuthority;
import io.telemetra.embedded.KafkaBroker;
import io.telemetra.embedded.KafkaTlsListeners;
import io.telemetra.embedded.Postgres;
import io.telemetra.events.Event;
import io.telemetra.events.Topics;
import io.telemetra.runtime.KafkaConnection;
import io.telemetra.runtime.PostgresConnection;
import io.telemetra.schema.SchemaMigrator;
import io.telemetra.streaming.config.SnapshotSettings;
import io.telemetra.streaming.config.StartingOffsets;
import io.telemetra.streaming.config.StreamingSettings;
import io.telemetra.streaming.config.WindowEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One real KRaft broker and one real Postgres for all integration tests of this JVM, started on
 * first use. Each test gets its own topic prefix and its own migrated database.
 */
final class TestInfrastructure {

  private static TestInfrastructure shared;
  private static final AtomicInteger NEXT = new AtomicInteger();

  /** The windows engine the tests run (WINDOW_ENGINE's default unless -Dtelemetra.windowEngine). */
  static final WindowEngine WINDOW_ENGINE =
      WindowEngine.parse(System.getProperty("telemetra.windowEngine", "panes"));

  /** SCRAM-SHA-512 user of the broker's SASL_SSL listener. */
  static final String SCRAM_USER = "telemetra";

  static final String SCRAM_PASSWORD = "scram-" + java.util.UUID.randomUUID();

  final Path root;

  /** The CA of the broker's TLS listeners (mutual TLS, and SASL_SSL). */
  final CertificateAuthority kafkaCa;

  final KafkaBroker broker;
  final Postgres postgres;

  private TestInfrastructure(Path root) {
    this.root = root;
    this.kafkaCa = CertificateAuthority.create("telemetra-streaming-it-ca");
    this.broker =
        KafkaBroker.onFreePorts(root.resolve("kafka"))
            .withTls(KafkaTlsListeners.on(kafkaCa, Map.of(SCRAM_USER, SCRAM_PASSWORD)))
            .start();
    this.postgres = Postgres.onFreePort(root.resolve("postgres")).start();
  }

  static synchronized TestInfrastructure shared() {
    if (shared == null) {
      try {
        Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-infra");
        shared = new TestInfrastructure(root);
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      shared.broker.stop();
                      shared.postgres.stop();
                    }));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** A fresh pipeline: its own topics (4 partitions each) and its own migrated database. */
  Pipeline newPipeline(String name) throws Exception {
    String id = name + NEXT.incrementAndGet();
    Topics topics = new Topics("it." + id);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin
          .createTopics(topics.all().stream().map(t -> new NewTopic(t, 2, (short) 1)).toList())
          .all()
          .get();
    }
    String db = "it_" + id.toLowerCase();
    try (var c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
        var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
    }
    String url = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + db;
    SchemaMigrator.forUrl(url, postgres.user(), "").migrate();
    return new Pipeline(
        topics,
        new PostgresConnection(url, postgres.user(), ""),
        broker.bootstrapServers(),
        root.resolve("checkpoints-" + id));
  }

  /** One test's topics, database and checkpoint directory. */
  record Pipeline(
      Topics topics, PostgresConnection postgres, String bootstrapServers, Path checkpoints) {

    StreamingSettings settings() {
      return settings(KafkaConnection.plaintext(bootstrapServers));
    }

    /** The settings of {@link #settings()}, reaching Kafka through {@code kafka}. */
    StreamingSettings settings(KafkaConnection kafka) {
      return new StreamingSettings(
          topics.prefix(),
          kafka,
          topics,
          postgres,
          Duration.ofSeconds(60),
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofSeconds(1),
          3.0,
          30,
          true,
          checkpoints.toString(),
          "local[2]",
          2,
          Optional.empty(),
          StartingOffsets.EARLIEST,
          Optional.empty(),
          SnapshotSettings.NONE,
          WINDOW_ENGINE);
    }

    /** Environment for a job in a child JVM: the documented variables. */
    Map<String, String> environment() {
      return Map.ofEntries(
          Map.entry("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers),
          Map.entry("TELEMETRA_TOPIC_PREFIX", topics.prefix()),
          Map.entry("POSTGRES_URL", postgres.jdbcUrl()),
          Map.entry("POSTGRES_USER", postgres.user()),
          Map.entry("POSTGRES_PASSWORD", ""),
          Map.entry("TRIGGER_INTERVAL_SECONDS", "1"),
          Map.entry("CHECKPOINT_LOCATION", checkpoints.toString()),
          Map.entry("SPARK_MASTER", "local[2]"),
          Map.entry("SPARK_SHUFFLE_PARTITIONS", "2"),
          Map.entry("WINDOW_ENGINE", WINDOW_ENGINE.value()));
    }

    /** The tables hold exactly what the ground truth computes from {@code valid}. */
    void assertTablesEqualGroundTruth(List<Event> valid) throws Exception {
      Duration length = Duration.ofSeconds(60);
      Duration slide = Duration.ofSeconds(10);
      try (java.sql.Connection c = connect()) {
        assertThat(WrittenRows.chat(c))
            .containsExactlyInAnyOrderElementsOf(Expected.chat(valid, length, slide));
        assertThat(WrittenRows.viewers(c))
            .containsExactlyInAnyOrderElementsOf(Expected.viewers(valid, length, slide));
        assertThat(WrittenRows.transactions(c))
            .containsExactlyInAnyOrderElementsOf(Expected.transactions(valid));
      }
    }

    java.sql.Connection connect() throws java.sql.SQLException {
      Properties p = new Properties();
      p.setProperty("user", postgres.user());
      p.setProperty("password", "");
      return DriverManager.getConnection(postgres.jdbcUrl(), p);
    }

    List<String> eventTopics() {
      return topics.eventTopics();
    }
  }
}
