package io.telemetra.api.revenue;

import io.telemetra.api.metrics.Revenue;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Sums the exactly-once transactions table. */
@Repository
public class TransactionRepository {

  private final NamedParameterJdbcTemplate jdbc;

  public TransactionRepository(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Transactions of the stream with ts in [from, to), per currency and per type + currency. */
  public TransactionSummary summary(String streamId, Instant from, Instant to) {
    var params =
        new MapSqlParameterSource("id", streamId)
            .addValue("from", Timestamp.from(from))
            .addValue("to", Timestamp.from(to));
    List<TransactionSummary.ByType> byType =
        jdbc.query(
            """
            SELECT type, currency, count(*) AS n, sum(amount) AS total FROM transactions
             WHERE stream_id = :id AND ts >= :from AND ts < :to
             GROUP BY type, currency ORDER BY currency, type
            """,
            params,
            (rs, i) ->
                new TransactionSummary.ByType(
                    rs.getString("type"),
                    rs.getString("currency").strip(),
                    rs.getLong("n"),
                    rs.getBigDecimal("total").toPlainString()));
    List<Revenue> byCurrency =
        jdbc.query(
            """
            SELECT currency, count(*) AS n, sum(amount) AS total FROM transactions
             WHERE stream_id = :id AND ts >= :from AND ts < :to
             GROUP BY currency ORDER BY currency
            """,
            params,
            (rs, i) ->
                new Revenue(
                    rs.getString("currency").strip(),
                    rs.getLong("n"),
                    rs.getBigDecimal("total").toPlainString()));
    return new TransactionSummary(streamId, from, to, byCurrency, byType);
  }
}
