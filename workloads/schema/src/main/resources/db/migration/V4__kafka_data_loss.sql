-- Records that left Kafka before the streaming job read them (retention, deleteRecords, a topic
-- recreated): a micro-batch whose offset range held more records than it read. The job reads on
-- from the earliest retained offset (failOnDataLoss=false keeps it running); this row says how
-- many records of which query's batch are missing from every table. One row per batch: a batch
-- replayed after a crash reports the same loss once.
CREATE TABLE streaming_data_loss (
    pipeline     TEXT        NOT NULL,
    query_name   TEXT        NOT NULL,
    query_id     UUID        NOT NULL,
    batch_id     BIGINT      NOT NULL,
    lost_records BIGINT      NOT NULL CHECK (lost_records > 0),
    offsets      TEXT        NOT NULL,
    detected_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (pipeline, query_name, query_id, batch_id)
);
CREATE INDEX streaming_data_loss_by_time ON streaming_data_loss (pipeline, detected_at DESC);
