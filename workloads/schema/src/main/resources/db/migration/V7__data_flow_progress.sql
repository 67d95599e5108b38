-- The end of the newest window the windows query has written so far, recorded with each of its
-- batches (null for the ingest query). The operator reports the latest in the pipeline's status
-- (status.dataFlow.queries[].newestWindowEnd) and as telemetra_pipeline_newest_window_end_seconds:
-- how far the dashboard's data is behind the clock is now minus that, with no query over the
-- window tables.
ALTER TABLE streaming_commits ADD COLUMN newest_window_end TIMESTAMPTZ;

-- How far each streaming query has read its topics: the sum of the end offsets of its last batch,
-- written by the job after every batch that moved them. The operator subtracts the ingest
-- query's from the records in the event topics: the consumer lag, in records.
CREATE TABLE streaming_progress (
    pipeline         TEXT        NOT NULL,
    query_name       TEXT        NOT NULL,
    consumed_records BIGINT      NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (pipeline, query_name)
);
