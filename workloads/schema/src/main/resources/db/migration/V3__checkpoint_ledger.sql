-- The commit ledger belongs to a checkpoint. Spark keeps a streaming query's id in
-- <checkpoint>/metadata; a new checkpoint gets a new id and numbers its batches from 0 again. A
-- batch is therefore (pipeline, query_name, query_id, batch_id): a new checkpoint is never taken
-- for an old one (whose batches it would skip as "already written"), and pipelines sharing a
-- database never skip each other's batches.
--
-- Rows written before this version do not know their checkpoint: they keep pipeline '' and the
-- nil query id, which no job uses. A batch replayed right across the upgrade is written again,
-- which the idempotent upserts absorb.
ALTER TABLE streaming_commits
    ADD COLUMN pipeline TEXT NOT NULL DEFAULT '',
    ADD COLUMN query_id UUID NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';
ALTER TABLE streaming_commits
    ALTER COLUMN pipeline DROP DEFAULT,
    ALTER COLUMN query_id DROP DEFAULT,
    DROP CONSTRAINT streaming_commits_pkey,
    ADD PRIMARY KEY (pipeline, query_name, query_id, batch_id);

-- "Which checkpoint of this query committed last": reset detection and progress probes.
CREATE INDEX streaming_commits_by_time ON streaming_commits (pipeline, query_name, committed_at DESC);

-- A query that started on a new checkpoint while the ledger held batches of an older one of the
-- same pipeline and query: the old checkpoint was lost, deleted or replaced. The new checkpoint
-- re-reads Kafka from its starting offsets and every one of its batches is written; this row says
-- that it happened, and where the old checkpoint had got to.
CREATE TABLE streaming_checkpoint_resets (
    pipeline               TEXT        NOT NULL,
    query_name             TEXT        NOT NULL,
    query_id               UUID        NOT NULL,
    first_batch_id         BIGINT      NOT NULL,
    previous_query_id      UUID        NOT NULL,
    previous_last_batch_id BIGINT      NOT NULL,
    previous_committed_at  TIMESTAMPTZ NOT NULL,
    detected_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (pipeline, query_name, query_id),
    CHECK (query_id <> previous_query_id)
);
CREATE INDEX streaming_checkpoint_resets_by_time
    ON streaming_checkpoint_resets (pipeline, detected_at DESC);
