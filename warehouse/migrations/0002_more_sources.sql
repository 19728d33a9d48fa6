-- Issue #3: sources beyond the ATS APIs, and cross-source deduplication.

-- Raw twins the new sources bring, and the month a posting belongs to (HN threads are monthly).
ALTER TABLE sightings ADD COLUMN period_raw VARCHAR;      -- HN: the thread's month as YYYY-MM
ALTER TABLE sightings ADD COLUMN period_month DATE;       -- first day of the posting's month
ALTER TABLE sightings ADD COLUMN salary_text VARCHAR;     -- salary as free text, where that is all a source gives
ALTER TABLE sightings ADD COLUMN tags_raw VARCHAR;        -- JSON list of tags as served (Remote OK, Remotive)
ALTER TABLE sightings ADD COLUMN roles_raw VARCHAR;       -- HN: JSON list of the roles one comment names

-- Records a source returned that are not postings but are counted (deleted or dead HN comments).
CREATE TABLE skipped_records (
    week    DATE NOT NULL,
    run_id  VARCHAR NOT NULL,
    source  VARCHAR NOT NULL,
    board   VARCHAR NOT NULL,
    reason  VARCHAR NOT NULL,
    n       INTEGER NOT NULL
);

-- Which postings are the same job (derived: recomputed over every posting on each load).
CREATE TABLE canonical_jobs (
    posting_id   VARCHAR PRIMARY KEY,
    canonical_id VARCHAR NOT NULL
);
