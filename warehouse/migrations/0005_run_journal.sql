-- Every weekly run started, copied at each load from the run journal <home>/state/runs.jsonl
-- (flows/journal.py): the only record of a run that failed before it loaded anything. Upserted by
-- run_id, so a run first copied as unfinished gets its outcome with a later load.
CREATE TABLE run_journal (
    run_id          VARCHAR PRIMARY KEY,
    week            DATE NOT NULL,
    started_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ,
    status          VARCHAR NOT NULL,   -- completed | degraded | failed | unfinished (no end recorded: killed)
    n_failed_boards INTEGER,
    n_volume_drops  INTEGER,
    error           VARCHAR             -- failed runs: the exception, truncated
);
