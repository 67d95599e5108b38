package io.telemetra.streaming.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.events.EventCodec;
import io.telemetra.events.EventType;
import io.telemetra.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class RecordParserTest {

  private final Topics topics = Topics.defaults();
  private final RecordParser parser = new RecordParser(topics, true, Duration.ofSeconds(10));
  private final EventCodec codec = EventCodec.withSystemClock();

  private Row parse(EventType type, String json) {
    return parser.parse(
        codec,
        topics,
        topics.of(type),
        1,
        42,
        null,
        "k".getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8));
  }

  /** Parsed rows carry no schema of their own (Spark applies EventRows.SCHEMA). */
  private static Object field(Row row, String name) {
    return row.get(EventRows.SCHEMA.fieldIndex(name));
  }

  @Test
  void aValidChatMessageBecomesAChatRowWithItsSentiment() {
    Row row =
        parse(
            EventType.CHAT,
            "{\"event_id\":\"e1\",\"stream_id\":\"s1\",\"ts\":\"2026-01-01T10:00:00.000Z\","
                + "\"user_id\":\"u1\",\"username\":\"u\",\"message\":\"love it PogChamp\","
                + "\"emotes\":[\"PogChamp\"]}");
    assertThat((String) field(row, "kind")).isEqualTo(EventRows.CHAT);
    assertThat((String) field(row, "stream_id")).isEqualTo("s1");
    assertThat((Double) field(row, "sentiment")).isGreaterThan(0.5);
  }

  @Test
  void aNulCharacterPostgresCannotStoreIsDeadLetteredInsteadOfFailingTheBatch() {
    Row row =
        parse(
            EventType.TRANSACTION,
            "{\"event_id\":\"e1\",\"stream_id\":\"s\\u00001\",\"ts\":\"2026-01-01T10:00:00.000Z\","
                + "\"user_id\":\"u1\",\"type\":\"tip\",\"amount\":\"1.00\",\"currency\":\"USD\"}");
    assertThat((String) field(row, "kind")).isEqualTo(EventRows.REJECTED);
    assertThat((String) field(row, "reason")).isEqualTo("OUT_OF_RANGE");
    assertThat(new String((byte[]) field(row, "key"), StandardCharsets.UTF_8)).isEqualTo("k");
    assertThat(row.getList(EventRows.SCHEMA.fieldIndex("dlq_headers"))).hasSize(7);
  }

  @Test
  void aMalformedRecordBecomesARejectedRowWithTheOriginalBytes() {
    Row row = parse(EventType.VIEWER, "{nope");
    assertThat((String) field(row, "kind")).isEqualTo(EventRows.REJECTED);
    assertThat((String) field(row, "reason")).isEqualTo("INVALID_JSON");
    assertThat(new String((byte[]) field(row, "value"), StandardCharsets.UTF_8)).isEqualTo("{nope");
  }
}
