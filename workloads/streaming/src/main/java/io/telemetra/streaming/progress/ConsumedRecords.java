package io.telemetra.streaming.progress;

import io.telemetra.streaming.sink.HeldConnection;
import io.telemetra.streaming.sink.SinkDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how far each watched query has read its topics: after a batch that moved its end offsets,
 * their sum (every record up to where it read, whatever it started from) in streaming_progress. The
 * operator subtracts the ingest query's from the records in the event topics: the consumer lag.
 */
public final class ConsumedRecords extends WatchedQueries {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumedRecords.class);

  private static final String UPSERT =
      "INSERT INTO streaming_progress (pipeline, query_name, consumed_records) VALUES (?, ?, ?)"
          + " ON CONFLICT (pipeline, query_name) DO UPDATE SET"
          + " consumed_records = EXCLUDED.consumed_records, updated_at = now()";

  private final String pipeline;
  private final HeldConnection postgres;
  private final Map<String, Long> written = new ConcurrentHashMap<>();

  public ConsumedRecords(String pipeline, Set<String> queries, SinkDatabase postgres) {
    super(queries);
    this.pipeline = pipeline;
    this.postgres = postgres.held();
  }

  @Override
  void progressed(StreamingQueryProgress progress) {
    long consumed = 0;
    for (SourceProgress source : progress.sources()) {
      OptionalLong end = KafkaOffsetRange.sum(source.endOffset());
      if (end.isEmpty()) {
        return;
      }
      consumed += end.getAsLong();
    }
    if (Long.valueOf(consumed).equals(written.get(progress.name()))) {
      return; // an idle trigger: nothing moved, nothing to write
    }
    long read = consumed;
    try {
      postgres.inTransaction(c -> record(c, progress.name(), read));
      written.put(progress.name(), read);
    } catch (SQLException e) {
      LOG.warn(
          "Cannot record how far {} has read ({} records): {}",
          progress.name(),
          consumed,
          e.getMessage());
    }
  }

  private Void record(Connection c, String query, long consumed) throws SQLException {
    try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
      upsert.setString(1, pipeline);
      upsert.setString(2, query);
      upsert.setLong(3, consumed);
      upsert.executeUpdate();
    }
    c.commit();
    return null;
  }
}
