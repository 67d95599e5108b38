package io.telemetra.api.stream;

import io.telemetra.api.metrics.LatestWindow;
import io.telemetra.api.metrics.MetricsPoint;
import io.telemetra.api.metrics.WindowRepository;
import io.telemetra.api.web.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads the streams table, each stream with its newest window. */
@Repository
public class StreamRepository {

  private static final String COLUMNS =
      "stream_id, title, category, streamer, status, status_changed_at, last_event_at";

  private final NamedParameterJdbcTemplate jdbc;
  private final WindowRepository windows;

  public StreamRepository(NamedParameterJdbcTemplate jdbc, WindowRepository windows) {
    this.jdbc = jdbc;
    this.windows = windows;
  }

  /** A page of streams ordered by id, optionally only those with the given status. */
  public StreamPage page(String status, Paging paging) {
    String where = status == null ? "" : " WHERE status = :status";
    var params =
        new MapSqlParameterSource("status", status)
            .addValue("limit", paging.size())
            .addValue("offset", paging.offset());
    List<Stream> rows =
        jdbc.query(
            "SELECT "
                + COLUMNS
                + " FROM streams"
                + where
                + " ORDER BY stream_id LIMIT :limit OFFSET :offset",
            params,
            StreamRepository::row);
    Long total = jdbc.queryForObject("SELECT count(*) FROM streams" + where, params, Long.class);
    return new StreamPage(
        withLatest(rows), paging.page(), paging.size(), total == null ? 0 : total);
  }

  /** One stream with its newest window. */
  public Optional<Stream> find(String streamId) {
    return byIds(List.of(streamId)).stream().findFirst();
  }

  /** The given streams (those that exist), each with its newest window. */
  public List<Stream> byIds(Collection<String> streamIds) {
    if (streamIds.isEmpty()) {
      return List.of();
    }
    List<Stream> rows =
        jdbc.query(
            "SELECT " + COLUMNS + " FROM streams WHERE stream_id IN (:ids) ORDER BY stream_id",
            new MapSqlParameterSource("ids", streamIds),
            StreamRepository::row);
    return withLatest(rows);
  }

  private List<Stream> withLatest(List<Stream> rows) {
    Map<String, MetricsPoint> latest = windows.latest(rows.stream().map(Stream::streamId).toList());
    return rows.stream()
        .map(
            s -> {
              MetricsPoint point = latest.get(s.streamId());
              return point == null ? s : s.withLatest(new LatestWindow(s.streamId(), point));
            })
        .toList();
  }

  private static Stream row(ResultSet rs, int n) throws SQLException {
    return new Stream(
        rs.getString("stream_id"),
        rs.getString("title"),
        rs.getString("category"),
        rs.getString("streamer"),
        rs.getString("status"),
        instant(rs.getTimestamp("status_changed_at")),
        instant(rs.getTimestamp("last_event_at")),
        null);
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
