-- A checkpoint reset can be asked for: a TelemetraPipeline's spec.streaming.reset.nonce names the
-- checkpoint the job runs on (a new nonce starts a new checkpoint). Each commit remembers the
-- nonce of its checkpoint, so a new checkpoint tells a reset on purpose (its nonce differs from
-- the previous checkpoint's) from a lost one (the same nonce, or none): only the latter is an
-- incident.
ALTER TABLE streaming_commits ADD COLUMN reset_nonce TEXT;

ALTER TABLE streaming_checkpoint_resets
    ADD COLUMN reset_nonce TEXT,
    ADD COLUMN requested BOOLEAN NOT NULL DEFAULT false;
