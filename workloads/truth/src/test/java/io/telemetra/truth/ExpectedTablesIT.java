package io.telemetra.truth;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.embedded.KafkaBroker;
import io.telemetra.embedded.Postgres;
import io.telemetra.events.EventCodec;
import io.telemetra.events.Topics;
import io.telemetra.events.TransactionEvent;
import io.telemetra.events.TransactionType;
import io.telemetra.schema.SchemaMigrator;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker the soak and the cluster tier share, on a real broker and a real PostgreSQL with the
 * shipped schema, without the streaming job: two transactions (one sent twice) in Kafka, and the
 * rows the job would write for them put in by hand.
 */
class ExpectedTablesIT {

  private static final Topics TOPICS = Topics.defaults();
  private static final Duration WINDOW = Duration.ofSeconds(60);
  private static final Duration SLIDE = Duration.ofSeconds(10);

  @TempDir static Path dir;
  private static KafkaBroker kafka;
  private static Postgres postgres;

  /** A whole minute, ten minutes ago: the codec accepts it and the windows are easy to list. */
  private static final Instant BASE =
      Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));

  private static final TransactionEvent TIP =
      transaction(BASE.plusSeconds(5), TransactionType.TIP, "4.99");
  private static final TransactionEvent GIFT =
      transaction(BASE.plusSeconds(25), TransactionType.GIFT, "10.00");

  @BeforeAll
  static void start() throws Exception {
    kafka = KafkaBroker.onFreePorts(dir.resolve("kafka")).start();
    postgres = Postgres.onFreePort(dir.resolve("postgres")).start();
    SchemaMigrator.forUrl(postgres.jdbcUrl(), postgres.user(), postgres.password()).migrate();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      List<NewTopic> topics = new ArrayList<>();
      TOPICS.all().forEach(t -> topics.add(new NewTopic(t, 3, (short) 1)));
      admin.createTopics(topics).all().get();
    }
    EventCodec codec = EventCodec.withSystemClock();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (var producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (TransactionEvent t : List.of(TIP, GIFT, TIP)) {
        producer
            .send(
                new ProducerRecord<>(TOPICS.of(t.type()), t.streamId().getBytes(), codec.encode(t)))
            .get();
      }
    }
  }

  @AfterAll
  static void stop() {
    if (postgres != null) {
      postgres.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    sql("TRUNCATE transactions, revenue_summary_minute");
  }

  @Test
  void tablesHoldingWhatTheJobWouldWritePassAndEachEventIdCountsOnce() throws SQLException {
    writeWhatTheJobWould();

    ExpectedTables expected = readBack();
    PipelineVerdict verdict = expected.awaitEqual(this::connect, Duration.ofSeconds(30), n -> {});

    assertThat(expected.events().accepted()).isEqualTo(3);
    assertThat(expected.distinctEvents()).isEqualTo(2);
    assertThat(expected.duplicates()).isEqualTo(1);
    assertThat(verdict.passed()).as(verdict.report()).isTrue();
    assertThat(verdict.summary())
        .startsWith("every table equals the ground truth of 2 distinct events")
        .contains("transactions 2 rows", "revenue_summary_minute 8 rows");
  }

  @Test
  void aWindowCountedTwiceFailsWithTheRowInTheReport() throws SQLException {
    writeWhatTheJobWould();
    try (Connection c = connect();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE revenue_summary_minute SET transaction_count = 3, amount_sum = 19.98"
                    + " WHERE window_start = ?")) {
      s.setObject(1, utc(BASE.minusSeconds(50)));
      assertThat(s.executeUpdate()).isEqualTo(1);
    }

    PipelineVerdict verdict = readBack().awaitEqual(this::connect, Duration.ofSeconds(1), n -> {});

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.summary())
        .isEqualTo(
            "1 of 6 tables differ from the ground truth of 2 distinct events:"
                + " revenue_summary_minute 1 missing and 1 unexpected of 8 expected rows");
    assertThat(verdict.report()).contains("unexpected: Revenue[", "count=3", "sum=19.98");
  }

  @Test
  void emptyTablesAreMissingEveryRow() {
    PipelineVerdict verdict = readBack().awaitEqual(this::connect, Duration.ofSeconds(1), n -> {});

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.summary())
        .contains(
            "transactions 2 missing and 0 unexpected of 2 expected rows",
            "revenue_summary_minute 8 missing and 0 unexpected of 8 expected rows");
  }

  @Test
  void anUnreachableDatabaseIsNotedAndTriedAgainUntilTheTimeout() {
    List<String> notes = new ArrayList<>();
    PipelineVerdict verdict =
        readBack()
            .awaitEqual(
                () -> {
                  throw new SQLException("connection refused");
                },
                Duration.ofSeconds(1),
                notes::add);

    assertThat(verdict.passed()).isFalse();
    assertThat(notes).contains("comparing failed (connection refused); trying again");
    assertThat(verdict.summary()).contains("(PostgreSQL not readable: connection refused)");
  }

  private ExpectedTables readBack() {
    return ExpectedTables.readBack(
        kafka.bootstrapServers(),
        TOPICS,
        WINDOW,
        SLIDE,
        ExpectedTables.DEFAULT_MOMENT_HISTORY,
        ExpectedTables.DEFAULT_MOMENT_THRESHOLD);
  }

  /** The tip is in the windows from BASE-50 s to BASE, the gift in those from BASE-30 s on. */
  private void writeWhatTheJobWould() throws SQLException {
    for (TransactionEvent t : List.of(TIP, GIFT)) {
      try (Connection c = connect();
          PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO transactions (event_id, stream_id, ts, user_id, type, amount,"
                      + " currency, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, 0)")) {
        s.setString(1, t.eventId());
        s.setString(2, t.streamId());
        s.setObject(3, utc(t.ts()));
        s.setString(4, t.userId());
        s.setString(5, t.transactionType().wireName());
        s.setBigDecimal(6, t.amount());
        s.setString(7, t.currency());
        s.executeUpdate();
      }
    }
    revenue(-50, 1, "4.99");
    revenue(-40, 1, "4.99");
    for (int start = -30; start <= 0; start += 10) {
      revenue(start, 2, "14.99");
    }
    revenue(10, 1, "10.00");
    revenue(20, 1, "10.00");
  }

  private void revenue(int startSeconds, int count, String sum) throws SQLException {
    Instant start = BASE.plusSeconds(startSeconds);
    try (Connection c = connect();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO revenue_summary_minute (stream_id, window_start, window_end, currency,"
                    + " transaction_count, amount_sum, batch_id) VALUES ('s1', ?, ?, 'USD', ?, ?,"
                    + " 0)")) {
      s.setObject(1, utc(start));
      s.setObject(2, utc(start.plus(WINDOW)));
      s.setLong(3, count);
      s.setBigDecimal(4, new BigDecimal(sum));
      s.executeUpdate();
    }
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = connect();
        var s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
  }

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }

  private static TransactionEvent transaction(Instant ts, TransactionType type, String amount) {
    return new TransactionEvent(
        UUID.randomUUID().toString(), "s1", ts, "u1", type, new BigDecimal(amount), "USD");
  }
}
