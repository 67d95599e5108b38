-- Which TelemetraPipeline owns these tables (one row at most). The operator claims an empty
-- database for the pipeline that migrates it; a second pipeline pointed at the same database is
-- refused (condition SchemaReady=False, reason ResourceConflict) instead of writing into the
-- first one's tables, and deletionPolicy: Delete drops only tables its pipeline owns. The owner
-- is the pipeline's namespace/name, so a pipeline deleted with Retain and applied again finds its
-- tables; owner_uid records the object that claimed them last. The local runner and compose
-- leave it empty.
CREATE TABLE telemetra_owner (
    singleton  BOOLEAN PRIMARY KEY DEFAULT true CHECK (singleton),
    owner      TEXT        NOT NULL,
    owner_uid  TEXT        NOT NULL,
    claimed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
