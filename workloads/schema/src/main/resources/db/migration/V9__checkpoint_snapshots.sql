-- The copies of its checkpoint the streaming job keeps (CHECKPOINT_SNAPSHOTS, taken each time it
-- starts, before its first batch), per pipeline and checkpoint location: the operator lists them
-- in status.streaming.snapshots, and spec.streaming.restoreFrom names one to go back to.
-- restored_at is when the job last put the snapshot back in place of the checkpoint.
CREATE TABLE streaming_snapshots (
    pipeline    TEXT        NOT NULL,
    checkpoint  TEXT        NOT NULL,
    snapshot_id TEXT        NOT NULL,
    location    TEXT        NOT NULL,
    taken_at    TIMESTAMPTZ NOT NULL,
    batches     TEXT        NOT NULL,
    restored_at TIMESTAMPTZ,
    PRIMARY KEY (pipeline, checkpoint, snapshot_id)
);
