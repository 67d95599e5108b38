-- Which Kafka log each topic of a streaming query's checkpoint is: the topic's id (KIP-516), as
-- the job last saw it, per checkpoint (query_id, from <checkpoint>/metadata). A topic deleted and
-- created again, or another cluster behind the same address, gets a new id: the job then knows
-- that the checkpoint's offsets point into a different log, and counts the records of the new log
-- below them (which Spark skips without a trace) as never read, in streaming_data_loss.
CREATE TABLE streaming_topics (
    pipeline    TEXT        NOT NULL,
    query_id    UUID        NOT NULL,
    topic       TEXT        NOT NULL,
    topic_id    TEXT        NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (pipeline, query_id, topic)
);
