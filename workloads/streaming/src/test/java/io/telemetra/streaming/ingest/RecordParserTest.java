package io.telemetra.streaming.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.events.EventCodec;
import io.telemetra.events.EventType;
import io.telemetra.events.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class RecordParserTest {

  private final Topics topics = Topics.defaults();
  private final RecordParser parser = new RecordParser(topics, true);
  private final EventCodec codec = EventCodec.withSystemClock();

  private Row parse(EventType type, String json) {
    return parser.parse(
        codec,
        topics,
        topics.of(type),
        1,
        42,
        "k".getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aValidChatMessageBecomesAChatRowWithItsSentiment() {
    Row row =
        parse(
            EventType.CHAT,
            "{\"event_id\":\"e1\",\"stream_id\":\"s1\",\"ts\":\"2026-11-27T10:00:00.000Z\","
                + "\"user_id\":\"u1\",\"username\":\"u\",\"message\":\"love it PogChamp\","
                + "\"emotes\":[\"PogChamp\"]}");
    assertThat(row.<String>getAs("kind")).isEqualTo(EventRows.CHAT);
    assertThat(row.<String>getAs("stream_id")).isEqualTo("s1");
    assertThat(row.<Double>getAs("sentiment")).isGreaterThan(0.5);
  }

  @Test
  void aNulCharacterPostgresCannotStoreIsDeadLetteredInsteadOfFailingTheBatch() {
    Row row =
        parse(
            EventType.TRANSACTION,
            "{\"event_id\":\"e1\",\"stream_id\":\"s\\u00001\",\"ts\":\"2026-11-27T10:00:00.000Z\","
                + "\"user_id\":\"u1\",\"type\":\"tip\",\"amount\":\"1.00\",\"currency\":\"USD\"}");
    assertThat(row.<String>getAs("kind")).isEqualTo(EventRows.REJECTED);
    assertThat(row.<String>getAs("reason")).isEqualTo("OUT_OF_RANGE");
    assertThat(new String(row.<byte[]>getAs("key"), StandardCharsets.UTF_8)).isEqualTo("k");
    assertThat(row.getList(row.fieldIndex("dlq_headers"))).hasSize(7);
  }

  @Test
  void aMalformedRecordBecomesARejectedRowWithTheOriginalBytes() {
    Row row = parse(EventType.VIEWER, "{nope");
    assertThat(row.<String>getAs("kind")).isEqualTo(EventRows.REJECTED);
    assertThat(row.<String>getAs("reason")).isEqualTo("INVALID_JSON");
    assertThat(new String(row.<byte[]>getAs("value"), StandardCharsets.UTF_8)).isEqualTo("{nope");
  }
}
