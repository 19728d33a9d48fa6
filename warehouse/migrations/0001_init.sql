-- Stateful tables: what was crawled and seen, week by week. Derived views live in ../models/.
-- Append-only logs keep every run; week-partitioned tables are replaced per week (delete-then-insert
-- in one transaction), so re-running a week never double-counts.

-- One row per weekly run (append-only).
CREATE TABLE run_log (
    run_id        VARCHAR PRIMARY KEY,
    week          DATE NOT NULL,            -- Monday of the ISO week the run counts for
    run_date      DATE NOT NULL,            -- the crawl date (a replayed snapshot's date in the demo)
    mode          VARCHAR NOT NULL,         -- live | replay
    dataset       VARCHAR NOT NULL,         -- what was crawled: 'live', 'sample' (bundled, fictional), or a replayed folder
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    raw_dir       VARCHAR NOT NULL,         -- where the run's raw responses landed
    n_postings    INTEGER NOT NULL,
    n_quarantined INTEGER NOT NULL,
    n_failed_boards INTEGER NOT NULL
);

-- One row per board per run (append-only).
CREATE TABLE crawl_log (
    run_id      VARCHAR NOT NULL,
    week        DATE NOT NULL,
    source      VARCHAR NOT NULL,
    board       VARCHAR NOT NULL,
    started_at  TIMESTAMPTZ,
    finished_at TIMESTAMPTZ,
    status      VARCHAR NOT NULL,           -- ok | failed | blocked
    n_items     INTEGER NOT NULL,
    error       VARCHAR
);

-- The text of each posting version, stored once per content hash.
CREATE TABLE posting_content (
    content_hash     VARCHAR PRIMARY KEY,
    title            VARCHAR NOT NULL,
    description_html VARCHAR,
    description_text VARCHAR
);

-- Every posting seen in a week, normalised, each field beside its raw twin. Partition: week.
CREATE TABLE sightings (
    week                DATE NOT NULL,
    run_id              VARCHAR NOT NULL,
    run_date            DATE NOT NULL,
    posting_id          VARCHAR NOT NULL,   -- source:board:source_id
    source              VARCHAR NOT NULL,
    board               VARCHAR NOT NULL,
    source_id           VARCHAR NOT NULL,
    company             VARCHAR,
    title               VARCHAR NOT NULL,
    url                 VARCHAR,
    location_raw        VARCHAR,
    location            VARCHAR,
    country             VARCHAR,
    workplace_raw       VARCHAR,
    remote              VARCHAR NOT NULL,
    employment_type_raw VARCHAR,
    department_raw      VARCHAR,
    role_family         VARCHAR NOT NULL,
    is_ml_role          BOOLEAN NOT NULL,
    seniority           VARCHAR NOT NULL,
    posted_at_raw       VARCHAR,
    posted_at           TIMESTAMP,          -- UTC
    salary_raw          VARCHAR,
    salary_min          DOUBLE,
    salary_max          DOUBLE,
    salary_currency     VARCHAR,
    salary_period       VARCHAR,
    salary_min_usd      DOUBLE,             -- annualised, fx_usd.toml
    salary_max_usd      DOUBLE,
    content_hash        VARCHAR NOT NULL,
    PRIMARY KEY (week, posting_id)
);

-- Skills found in each posting version. Keyed by content hash and taxonomy version, so an unchanged
-- posting is not re-extracted and a taxonomy change re-extracts everything.
CREATE TABLE skill_mentions (
    content_hash     VARCHAR NOT NULL,
    taxonomy_version VARCHAR NOT NULL,
    skill            VARCHAR NOT NULL,
    level            VARCHAR NOT NULL,      -- required | preferred
    evidence         VARCHAR NOT NULL,
    PRIMARY KEY (content_hash, taxonomy_version, skill)
);
CREATE TABLE skill_extractions (           -- which versions were extracted, including those with no skill
    content_hash     VARCHAR NOT NULL,
    taxonomy_version VARCHAR NOT NULL,
    PRIMARY KEY (content_hash, taxonomy_version)
);

-- Records that could not be read, with the reason and the record as served. Partition: week.
CREATE TABLE quarantine (
    week     DATE NOT NULL,
    run_id   VARCHAR NOT NULL,
    source   VARCHAR NOT NULL,
    board    VARCHAR NOT NULL,
    url      VARCHAR,
    reason   VARCHAR NOT NULL,
    record   VARCHAR
);

-- Reference data, replaced from warehouse/reference/ on every load.
CREATE TABLE ref_skills (
    skill    VARCHAR PRIMARY KEY,
    name     VARCHAR NOT NULL,
    category VARCHAR NOT NULL,
    aliases  VARCHAR[] NOT NULL,
    parent   VARCHAR,
    taxonomy_version VARCHAR NOT NULL
);
CREATE TABLE ref_guides (
    doc   VARCHAR PRIMARY KEY,
    title VARCHAR,
    site  VARCHAR,
    year  INTEGER
);
CREATE TABLE ref_claims (
    claim_id VARCHAR PRIMARY KEY,
    doc      VARCHAR NOT NULL,
    topic    VARCHAR,
    subjects VARCHAR[] NOT NULL,
    stance   VARCHAR NOT NULL,
    quote    VARCHAR NOT NULL,
    test     VARCHAR NOT NULL
);
