package io.telemetra.streaming.progress;

import io.telemetra.runtime.KafkaConnection;
import io.telemetra.streaming.sink.SinkDatabase;
import io.telemetra.streaming.sink.UnreadReplays;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects records that left Kafka before a query read them. The job reads with {@code
 * failOnDataLoss=false}, so it keeps running from the earliest retained offset instead of failing;
 * this listener makes the loss visible instead of silent: after each batch it compares the records
 * in the batch's offset range with the records it read ({@link KafkaOffsetRange}), and looks for
 * partitions whose log was replaced since the checkpoint's offsets were taken (Spark skips what the
 * new log held below them): their offsets went back, or their topic's id is not the one recorded
 * for the checkpoint ({@link TopicIds}, streaming_topics). It logs a WARN line starting {@code
 * KafkaDataLoss:}, counts the records, and records the batch in streaming_data_loss, which the
 * operator reports on the pipeline. A batch its sink skipped unread as a replay ({@link
 * UnreadReplays}) is not checked, and its topic ids are not recorded: the run that committed it
 * read its records, and a log replaced since shows at the next batch.
 */
public final class KafkaDataLossDetector extends WatchedQueries implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaDataLossDetector.class);

  private static final String RECORD =
      "INSERT INTO streaming_data_loss (pipeline, query_name, query_id, batch_id, lost_records,"
          + " offsets) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  private static final String RECORDED_IDS =
      "SELECT topic, topic_id FROM streaming_topics WHERE pipeline = ? AND query_id = ?";

  private static final String RECORD_ID =
      "INSERT INTO streaming_topics (pipeline, query_id, topic, topic_id) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (pipeline, query_id, topic) DO UPDATE SET topic_id = EXCLUDED.topic_id,"
          + " recorded_at = now()";

  private final String pipeline;
  private final SinkDatabase postgres;
  private final TopicIds topicIds;
  private final UnreadReplays unreadReplays;
  private final AtomicLong total = new AtomicLong();

  /** The topic ids recorded for each checkpoint (query id) this job has looked at. */
  private final Map<UUID, Map<String, String>> recordedIds = new ConcurrentHashMap<>();

  public KafkaDataLossDetector(
      String pipeline,
      Set<String> queries,
      SinkDatabase postgres,
      KafkaConnection kafka,
      UnreadReplays unreadReplays) {
    super(queries);
    this.pipeline = pipeline;
    this.postgres = postgres;
    this.topicIds = new TopicIds(kafka);
    this.unreadReplays = unreadReplays;
  }

  /** Records the watched queries found gone from Kafka since the job started. */
  public long total() {
    return total.get();
  }

  @Override
  void progressed(StreamingQueryProgress progress) {
    if (unreadReplays.take(progress.id(), progress.batchId())) {
      // Nothing was read, so nothing is learnt either: not even the topic ids, which would hide a
      // log replaced since the checkpoint from the next batch's check.
      return;
    }
    for (SourceProgress source : progress.sources()) {
      Set<String> topics = KafkaOffsetRange.topics(source.endOffset());
      Optional<Map<String, String>> ids = topicIds.of(topics);
      try {
        Map<String, String> recorded = recorded(progress.id());
        Set<String> replaced = new TreeSet<>();
        ids.ifPresent(
            now ->
                now.forEach(
                    (topic, id) -> {
                      String before = recorded.get(topic);
                      if (before != null && !before.equals(id)) {
                        replaced.add(topic);
                      }
                    }));
        Optional<KafkaOffsetRange.Unread> unread =
            KafkaOffsetRange.unread(
                    source.startOffset(), source.endOffset(), source.numInputRows(), replaced)
                .filter(u -> u.total() > 0);
        boolean idsChanged = ids.isPresent() && !recorded.equals(merged(recorded, ids.get()));
        if (unread.isEmpty() && !idsChanged) {
          continue;
        }
        try (Connection c = postgres.open()) {
          if (unread.isPresent()) {
            report(c, progress, source, unread.get());
          }
          if (idsChanged) {
            record(c, progress.id(), ids.get());
          }
          c.commit();
        }
        ids.ifPresent(now -> recordedIds.put(progress.id(), merged(recorded, now)));
      } catch (SQLException e) {
        LOG.error(
            "KafkaDataLoss: cannot check or record what {} batch {} did not read: {}",
            progress.name(),
            progress.batchId(),
            e.getMessage());
      }
    }
  }

  /** The topic ids recorded with the checkpoint {@code queryId}, read once per checkpoint. */
  private Map<String, String> recorded(UUID queryId) throws SQLException {
    Map<String, String> known = recordedIds.get(queryId);
    if (known != null) {
      return known;
    }
    Map<String, String> ids = new TreeMap<>();
    try (Connection c = postgres.open();
        PreparedStatement select = c.prepareStatement(RECORDED_IDS)) {
      select.setString(1, pipeline);
      select.setObject(2, queryId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.put(rows.getString(1), rows.getString(2));
        }
      }
      c.rollback();
    }
    recordedIds.put(queryId, ids);
    return ids;
  }

  private static Map<String, String> merged(Map<String, String> recorded, Map<String, String> now) {
    Map<String, String> merged = new TreeMap<>(recorded);
    merged.putAll(now);
    return merged;
  }

  private void record(Connection c, UUID queryId, Map<String, String> ids) throws SQLException {
    try (PreparedStatement upsert = c.prepareStatement(RECORD_ID)) {
      for (Map.Entry<String, String> id : ids.entrySet()) {
        upsert.setString(1, pipeline);
        upsert.setObject(2, queryId);
        upsert.setString(3, id.getKey());
        upsert.setString(4, id.getValue());
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  private void report(
      Connection c,
      StreamingQueryProgress progress,
      SourceProgress source,
      KafkaOffsetRange.Unread unread)
      throws SQLException {
    long lost = unread.total();
    long sum = total.addAndGet(lost);
    String offsets =
        source.startOffset()
            + " .. "
            + source.endOffset()
            + (unread.replaced().isEmpty()
                ? ""
                : "; replaced logs: " + String.join(", ", unread.replaced()));
    if (unread.deleted() > 0) {
      LOG.warn(
          "KafkaDataLoss: {} batch {} read {} records of its offset range {}: {} were deleted from"
              + " Kafka (retention?) before the job read them and are missing from every table"
              + " ({} in total)",
          progress.name(),
          progress.batchId(),
          source.numInputRows(),
          offsets,
          unread.deleted(),
          sum);
    }
    if (unread.skipped() > 0) {
      LOG.warn(
          "KafkaDataLoss: {} batch {}: the log of {} was replaced (the topic was deleted and"
              + " created again, or the brokers are another cluster); the job read each new log"
              + " from the offset given and skipped the {} records below, which are missing from"
              + " every table ({} in total); a checkpoint reset with startingOffsets earliest reads"
              + " them",
          progress.name(),
          progress.batchId(),
          String.join(", ", unread.replaced()),
          unread.skipped(),
          sum);
    }
    try (PreparedStatement insert = c.prepareStatement(RECORD)) {
      insert.setString(1, pipeline);
      insert.setString(2, progress.name());
      insert.setObject(3, progress.id());
      insert.setLong(4, progress.batchId());
      insert.setLong(5, lost);
      insert.setString(6, offsets);
      insert.executeUpdate();
    }
  }

  @Override
  public void close() {
    topicIds.close();
  }
}
