-- The end of the newest window a windows batch wrote (null for the ingest query and for a batch
-- that wrote no window). The operator reports the newest one in the pipeline's status
-- (status.dataFlow.queries[].newestWindowEnd) and as telemetra_pipeline_newest_window_end_seconds:
-- how far the dashboard's data is behind the clock is now minus that, with no query over the
-- window tables.
ALTER TABLE streaming_commits ADD COLUMN newest_window_end TIMESTAMPTZ;
