package io.telemetra.api.moment;

import io.telemetra.api.web.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads the moments table. */
@Repository
public class MomentRepository {

  private static final String COLUMNS =
      "stream_id, window_start, window_end, kind, score, value, baseline_mean, baseline_stddev,"
          + " detected_at";

  private final NamedParameterJdbcTemplate jdbc;

  public MomentRepository(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Moments matching the optional filters (window_start in [from, to)), newest first. */
  public MomentPage page(String streamId, String kind, Instant from, Instant to, Paging paging) {
    List<String> conditions = new ArrayList<>();
    var params = new MapSqlParameterSource();
    if (streamId != null) {
      conditions.add("stream_id = :streamId");
      params.addValue("streamId", streamId);
    }
    if (kind != null) {
      conditions.add("kind = :kind");
      params.addValue("kind", kind);
    }
    if (from != null) {
      conditions.add("window_start >= :from");
      params.addValue("from", Timestamp.from(from));
    }
    if (to != null) {
      conditions.add("window_start < :to");
      params.addValue("to", Timestamp.from(to));
    }
    String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    params.addValue("limit", paging.size()).addValue("offset", paging.offset());
    List<Moment> items =
        jdbc.query(
            "SELECT "
                + COLUMNS
                + " FROM moments"
                + where
                + " ORDER BY window_start DESC, stream_id, kind LIMIT :limit OFFSET :offset",
            params,
            MomentRepository::row);
    Long total = jdbc.queryForObject("SELECT count(*) FROM moments" + where, params, Long.class);
    return new MomentPage(items, paging.page(), paging.size(), total == null ? 0 : total);
  }

  /** The moments of the given streams written by the given micro-batches, oldest first. */
  public List<Moment> writtenBy(Collection<String> streamIds, Collection<Long> batchIds) {
    if (streamIds.isEmpty() || batchIds.isEmpty()) {
      return List.of();
    }
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM moments WHERE stream_id IN (:ids) AND batch_id IN (:batches)"
            + " ORDER BY window_start, stream_id, kind LIMIT 1000",
        new MapSqlParameterSource("ids", streamIds).addValue("batches", batchIds),
        MomentRepository::row);
  }

  private static Moment row(ResultSet rs, int n) throws SQLException {
    return new Moment(
        rs.getString("stream_id"),
        rs.getTimestamp("window_start").toInstant(),
        rs.getTimestamp("window_end").toInstant(),
        rs.getString("kind"),
        rs.getDouble("score"),
        rs.getDouble("value"),
        rs.getDouble("baseline_mean"),
        rs.getDouble("baseline_stddev"),
        rs.getTimestamp("detected_at").toInstant());
  }
}
