package io.telemetra.streaming.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.events.DeadLetter;
import io.telemetra.events.Decoded;
import io.telemetra.events.Event;
import io.telemetra.events.EventCodec;
import io.telemetra.events.RecordFuzzer;
import io.telemetra.events.Topics;
import io.telemetra.events.TransactionEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * 100,000 seeded hostile records through the job's parse path: every record becomes exactly one
 * row, never an exception; a rejected record becomes a dead-letter row carrying its original bytes,
 * its source coordinates and the codec's reason; an accepted one becomes the row of the very event
 * the codec decodes.
 */
class RecordParserFuzzTest {

  private static final long SEED = Long.getLong("fuzz.seed", 20261127L);
  private static final int RECORDS = Integer.getInteger("fuzz.records", 100_000);
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void everyHostileRecordBecomesAnEventRowOrADeadLetterRowWithItsReason() {
    Topics topics = new Topics("fuzz");
    EventCodec codec = new EventCodec(Clock.fixed(NOW, ZoneOffset.UTC));
    RecordParser parser = new RecordParser(topics, true, Duration.ofSeconds(10));
    var fuzzer = new RecordFuzzer(SEED, NOW);
    byte[] key = "fuzz-key".getBytes(StandardCharsets.UTF_8);
    int rejected = 0;
    for (int i = 0; i < RECORDS; i++) {
      RecordFuzzer.Sample s = fuzzer.next();
      String topic = topics.of(s.type());
      Row row;
      try {
        row = parser.parse(codec, topics, topic, i % 7, i, null, key, s.value());
      } catch (Throwable t) {
        throw new AssertionError("record #" + i + " (" + s.mutation() + ") escaped the parser", t);
      }
      String what = "record #" + i + " (seed " + SEED + ", " + s.mutation() + ")";
      Decoded decoded = codec.decode(s.type(), s.value());
      if (decoded instanceof Decoded.Rejected r) {
        rejected++;
        assertThat(row.getString(0)).as(what).isEqualTo(EventRows.REJECTED);
        assertThat(row.getString(18)).as(what).isEqualTo(r.rejection().reason().name());
        assertThat((byte[]) row.get(16)).as(what).isSameAs(s.value());
        DeadLetter letter = DeadLetter.fromRecord(row.getAs(15), row.getAs(16), headers(row));
        assertThat(letter.rejection()).as(what).isEqualTo(r.rejection());
        assertThat(letter.sourceTopic()).as(what).isEqualTo(topic);
        assertThat(letter.sourcePartition()).as(what).isEqualTo(i % 7);
        assertThat(letter.sourceOffset()).as(what).isEqualTo(i);
        assertThat(letter.key()).as(what).isEqualTo(key);
      } else {
        Event event = ((Decoded.Accepted) decoded).event();
        if (s.expected() != null) {
          assertThat(event).as(what).isEqualTo(s.expected());
        }
        assertThat(row.getString(0)).as(what).isNotEqualTo(EventRows.REJECTED);
        assertThat(row.getString(1)).as(what).isEqualTo(event.eventId());
        assertThat(row.getString(2)).as(what).isEqualTo(event.streamId());
        assertThat(row.<Timestamp>getAs(3).toInstant()).as(what).isEqualTo(event.ts());
        if (event instanceof TransactionEvent t) {
          assertThat(row.getDecimal(9)).as(what).isEqualByComparingTo(t.amount());
        }
      }
    }
    assertThat(rejected).isBetween(RECORDS / 4, RECORDS - RECORDS / 10);
  }

  private static Map<String, byte[]> headers(Row row) {
    Map<String, byte[]> headers = new HashMap<>();
    for (Row h :
        scala.jdk.javaapi.CollectionConverters.asJava(row.<scala.collection.Seq<Row>>getAs(17))) {
      headers.put(h.getString(0), (byte[]) h.get(1));
    }
    return headers;
  }
}
