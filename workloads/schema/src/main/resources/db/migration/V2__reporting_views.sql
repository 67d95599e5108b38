-- Reporting views over the core tables. Plain views (always fresh); cheap thanks to the
-- (stream_id, window_end DESC) indexes.

-- The most recent window per stream, chat and viewers side by side.
CREATE VIEW stream_latest_window AS
SELECT s.stream_id,
       s.status,
       c.window_start AS chat_window_start,
       c.window_end   AS chat_window_end,
       c.chat_count,
       c.unique_chatters,
       c.sentiment_mean,
       v.window_end   AS viewer_window_end,
       v.avg_viewers,
       v.last_viewers
FROM streams s
LEFT JOIN LATERAL (
    SELECT * FROM chat_summary_minute c
    WHERE c.stream_id = s.stream_id
    ORDER BY c.window_end DESC LIMIT 1) c ON TRUE
LEFT JOIN LATERAL (
    SELECT * FROM viewer_timeseries v
    WHERE v.stream_id = s.stream_id
    ORDER BY v.window_end DESC LIMIT 1) v ON TRUE;

-- Revenue per stream, UTC day, currency and type, from the exactly-once transactions table.
CREATE VIEW daily_revenue AS
SELECT stream_id,
       (ts AT TIME ZONE 'UTC')::date AS day,
       currency,
       type,
       count(*)    AS transaction_count,
       sum(amount) AS amount_sum
FROM transactions
GROUP BY stream_id, (ts AT TIME ZONE 'UTC')::date, currency, type;

-- Moments per stream and kind.
CREATE VIEW moment_counts AS
SELECT stream_id, kind, count(*) AS moment_count, max(window_start) AS latest_window_start
FROM moments
GROUP BY stream_id, kind;
