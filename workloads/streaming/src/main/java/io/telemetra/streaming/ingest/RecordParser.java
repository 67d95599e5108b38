package io.telemetra.streaming.ingest;

import io.telemetra.analytics.sentiment.SentimentLabel;
import io.telemetra.analytics.sentiment.SentimentScorer;
import io.telemetra.events.ChatEvent;
import io.telemetra.events.DeadLetter;
import io.telemetra.events.Decoded;
import io.telemetra.events.Event;
import io.telemetra.events.EventCodec;
import io.telemetra.events.Rejection;
import io.telemetra.events.RejectionReason;
import io.telemetra.events.StreamMetaEvent;
import io.telemetra.events.Topics;
import io.telemetra.events.TransactionEvent;
import io.telemetra.events.ViewerEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Decodes Kafka records (key, value, topic, partition, offset) into {@link EventRows} with the
 * event contract's {@link EventCodec}; a record the codec rejects becomes a dead-letter row, so a
 * bad record never fails the query. Chat messages are scored for sentiment here.
 *
 * <p>An event's time may be at most {@code futureTolerance} ahead of its Kafka record's timestamp;
 * a later one is dead-lettered ({@code TIMESTAMP_IN_FUTURE}), so it cannot drag the watermark past
 * other streams' on-time events. The bound depends on the record only: both queries, and a replay,
 * decide alike.
 */
public final class RecordParser implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final String topicPrefix;
  private final boolean sentimentEnabled;
  private final Duration futureTolerance;
  private final SentimentScorer scorer = SentimentScorer.shipped();

  public RecordParser(Topics topics, boolean sentimentEnabled, Duration futureTolerance) {
    this.topicPrefix = topics.prefix();
    this.sentimentEnabled = sentimentEnabled;
    this.futureTolerance = futureTolerance;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> records) {
    EventCodec codec = EventCodec.withSystemClock();
    Topics topics = new Topics(topicPrefix);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public Row next() {
        Row r = records.next();
        return parse(
            codec,
            topics,
            r.getAs("topic"),
            r.<Integer>getAs("partition"),
            r.<Long>getAs("offset"),
            Optional.ofNullable(r.<Timestamp>getAs("timestamp"))
                .map(Timestamp::toInstant)
                .orElse(null),
            r.getAs("key"),
            r.getAs("value"));
      }
    };
  }

  /** One record to one row. */
  public Row parse(
      EventCodec codec,
      Topics topics,
      String topic,
      int partition,
      long offset,
      Instant recordTimestamp,
      byte[] key,
      byte[] value) {
    Decoded decoded = codec.decode(topics, topic, value, recordTimestamp, futureTolerance);
    if (decoded instanceof Decoded.Accepted accepted) {
      String field = fieldWithNul(accepted.event());
      if (field == null) {
        return eventRow(accepted.event());
      }
      decoded =
          new Decoded.Rejected(
              new Rejection(
                  RejectionReason.OUT_OF_RANGE,
                  field,
                  "contains U+0000, which PostgreSQL text cannot store"));
    }
    Rejection rejection = ((Decoded.Rejected) decoded).rejection();
    var letter = new DeadLetter(topic, partition, offset, key, value, rejection, Instant.now());
    List<Row> headers = new ArrayList<>();
    for (Map.Entry<String, byte[]> h : letter.headers().entrySet()) {
      headers.add(RowFactory.create(h.getKey(), h.getValue()));
    }
    Object[] fields = new Object[EventRows.SCHEMA.size()];
    fields[EventRows.KIND] = EventRows.REJECTED;
    fields[EventRows.KEY] = key;
    fields[EventRows.VALUE] = value;
    fields[EventRows.DLQ_HEADERS] = scala.jdk.javaapi.CollectionConverters.asScala(headers).toSeq();
    fields[EventRows.REASON] = rejection.reason().name();
    return RowFactory.create(fields);
  }

  private Row eventRow(Event event) {
    Object[] f = new Object[EventRows.SCHEMA.size()];
    f[EventRows.EVENT_ID] = event.eventId();
    f[EventRows.STREAM_ID] = event.streamId();
    f[EventRows.TS] = Timestamp.from(event.ts());
    if (event instanceof ChatEvent c) {
      f[EventRows.KIND] = EventRows.CHAT;
      f[EventRows.USER_ID] = c.userId();
      if (sentimentEnabled) {
        double score = scorer.score(c.message(), c.emotes());
        f[EventRows.SENTIMENT] = score;
        f[EventRows.SENTIMENT_LABEL] = SentimentLabel.of(score).ordinal();
      }
    } else if (event instanceof ViewerEvent v) {
      f[EventRows.KIND] = EventRows.VIEWER;
      f[EventRows.VIEWER_COUNT] = v.viewerCount();
    } else if (event instanceof TransactionEvent t) {
      f[EventRows.KIND] = EventRows.TRANSACTION;
      f[EventRows.USER_ID] = t.userId();
      f[EventRows.TX_TYPE] = t.transactionType().wireName();
      f[EventRows.AMOUNT] = exact(t.amount());
      f[EventRows.CURRENCY] = t.currency();
    } else if (event instanceof StreamMetaEvent m) {
      f[EventRows.KIND] = EventRows.STREAM_META;
      f[EventRows.STATUS] = m.status().wireName();
      f[EventRows.TITLE] = m.title();
      f[EventRows.CATEGORY] = m.category();
      f[EventRows.STREAMER] = m.streamer();
    }
    return RowFactory.create(f);
  }

  /**
   * The first field the job stores in Postgres that holds a NUL character, or null. JSON allows
   * {@code \\u0000} but Postgres text does not; such a record would fail its batch on every retry.
   */
  static String fieldWithNul(Event event) {
    if (hasNul(event.eventId())) {
      return "event_id";
    }
    if (hasNul(event.streamId())) {
      return "stream_id";
    }
    if (event instanceof TransactionEvent t && hasNul(t.userId())) {
      return "user_id";
    }
    if (event instanceof StreamMetaEvent m) {
      if (hasNul(m.title())) {
        return "title";
      }
      if (hasNul(m.category())) {
        return "category";
      }
      if (hasNul(m.streamer())) {
        return "streamer";
      }
    }
    return null;
  }

  private static boolean hasNul(String s) {
    return s != null && s.indexOf('\0') >= 0;
  }

  /** The codec allows at most 8 decimal places, so this never rounds. */
  static BigDecimal exact(BigDecimal amount) {
    return amount.setScale(EventRows.AMOUNT_TYPE.scale(), RoundingMode.UNNECESSARY);
  }
}
