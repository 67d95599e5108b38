-- Telemetra core schema: the single source of the Postgres schema used by the streaming job,
-- the API, the local runner, compose and the operator.
--
-- Conventions:
--   * every window table is keyed by (stream_id, window_start, window_end[, ...]) so the
--     streaming job can upsert idempotently; batch_id records which micro-batch wrote the row;
--   * money is NUMERIC (exact), never floating point;
--   * timestamps are timestamptz (UTC on the wire).

CREATE TABLE streams (
    stream_id     TEXT        PRIMARY KEY CHECK (length(stream_id) BETWEEN 1 AND 128),
    title         TEXT,
    category      TEXT,
    streamer      TEXT,
    status        TEXT        NOT NULL DEFAULT 'offline' CHECK (status IN ('online', 'offline')),
    status_changed_at TIMESTAMPTZ,
    last_event_at TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE chat_summary_minute (
    stream_id        TEXT        NOT NULL,
    window_start     TIMESTAMPTZ NOT NULL,
    window_end       TIMESTAMPTZ NOT NULL,
    chat_count       BIGINT      NOT NULL CHECK (chat_count >= 0),
    unique_chatters  BIGINT      NOT NULL CHECK (unique_chatters >= 0 AND unique_chatters <= chat_count),
    sentiment_mean   DOUBLE PRECISION CHECK (sentiment_mean BETWEEN -1 AND 1),
    positive_count   BIGINT      NOT NULL DEFAULT 0 CHECK (positive_count >= 0),
    neutral_count    BIGINT      NOT NULL DEFAULT 0 CHECK (neutral_count >= 0),
    negative_count   BIGINT      NOT NULL DEFAULT 0 CHECK (negative_count >= 0),
    batch_id         BIGINT      NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (stream_id, window_start, window_end),
    CHECK (window_end > window_start)
);

CREATE TABLE viewer_timeseries (
    stream_id     TEXT        NOT NULL,
    window_start  TIMESTAMPTZ NOT NULL,
    window_end    TIMESTAMPTZ NOT NULL,
    avg_viewers   DOUBLE PRECISION NOT NULL CHECK (avg_viewers >= 0),
    min_viewers   BIGINT      NOT NULL CHECK (min_viewers >= 0),
    max_viewers   BIGINT      NOT NULL CHECK (max_viewers >= min_viewers),
    last_viewers  BIGINT      NOT NULL CHECK (last_viewers >= 0),
    sample_count  BIGINT      NOT NULL CHECK (sample_count > 0),
    batch_id      BIGINT      NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (stream_id, window_start, window_end),
    CHECK (window_end > window_start)
);

CREATE TABLE revenue_summary_minute (
    stream_id          TEXT        NOT NULL,
    window_start       TIMESTAMPTZ NOT NULL,
    window_end         TIMESTAMPTZ NOT NULL,
    currency           CHAR(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    transaction_count  BIGINT      NOT NULL CHECK (transaction_count > 0),
    amount_sum         NUMERIC     NOT NULL CHECK (amount_sum >= 0),
    batch_id           BIGINT      NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (stream_id, window_start, window_end, currency),
    CHECK (window_end > window_start)
);

-- Every valid transaction, exactly once by event_id, however late it arrived.
CREATE TABLE transactions (
    event_id     TEXT        PRIMARY KEY CHECK (length(event_id) BETWEEN 1 AND 128),
    stream_id    TEXT        NOT NULL,
    ts           TIMESTAMPTZ NOT NULL,
    user_id      TEXT        NOT NULL,
    type         TEXT        NOT NULL CHECK (type IN ('tip', 'subscription', 'bits', 'gift')),
    amount       NUMERIC     NOT NULL CHECK (amount >= 0),
    currency     CHAR(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    batch_id     BIGINT      NOT NULL,
    ingested_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Detected anomalies: a window whose metric's z-score against the stream's recent history
-- exceeded the threshold.
CREATE TABLE moments (
    stream_id        TEXT        NOT NULL,
    window_start     TIMESTAMPTZ NOT NULL,
    window_end       TIMESTAMPTZ NOT NULL,
    kind             TEXT        NOT NULL CHECK (kind IN ('chat_spike', 'viewer_spike', 'revenue_spike')),
    score            DOUBLE PRECISION NOT NULL,
    value            NUMERIC     NOT NULL,
    baseline_mean    NUMERIC     NOT NULL,
    baseline_stddev  NUMERIC     NOT NULL CHECK (baseline_stddev >= 0),
    details          JSONB       NOT NULL DEFAULT '{}'::jsonb,
    batch_id         BIGINT      NOT NULL,
    detected_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (stream_id, window_start, window_end, kind),
    CHECK (window_end > window_start)
);

-- Which micro-batches of which streaming query have committed: lets a sink skip a batch that
-- Spark replays after a crash.
CREATE TABLE streaming_commits (
    query_name    TEXT        NOT NULL,
    batch_id      BIGINT      NOT NULL,
    row_count     BIGINT      NOT NULL DEFAULT 0,
    committed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (query_name, batch_id)
);

-- The API reads "a stream's windows over a time range" and "latest window per stream".
CREATE INDEX chat_summary_by_end ON chat_summary_minute (stream_id, window_end DESC);
CREATE INDEX viewer_timeseries_by_end ON viewer_timeseries (stream_id, window_end DESC);
CREATE INDEX revenue_summary_by_end ON revenue_summary_minute (stream_id, window_end DESC);
CREATE INDEX transactions_by_stream_ts ON transactions (stream_id, ts);
CREATE INDEX moments_by_stream_start ON moments (stream_id, window_start DESC);
CREATE INDEX moments_by_kind_start ON moments (kind, window_start DESC);
CREATE INDEX moments_by_start ON moments (window_start DESC);
