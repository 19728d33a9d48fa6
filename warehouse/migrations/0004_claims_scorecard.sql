-- The claims registry grows testable: each claim's test and segment are stored parsed (see
-- warehouse/reference.py and reference/README.md), so the scorecard is plain SQL
-- (models/25_claims.sql). Reference tables are reloaded in full on every load, so they are
-- recreated rather than altered.
DROP TABLE ref_claims;
CREATE TABLE ref_claims (
    claim_id       VARCHAR PRIMARY KEY,
    doc            VARCHAR NOT NULL,
    topic          VARCHAR,
    subjects       VARCHAR[] NOT NULL,  -- skill ids, or facets such as degree:master+ and salary
    stance         VARCHAR NOT NULL,    -- essential | important | recommended | optional | not-needed | comparison | figure
    quote          VARCHAR NOT NULL,    -- verbatim from the guide, whitespace collapsed
    test           VARCHAR NOT NULL,    -- as written in claims.toml
    test_kind      VARCHAR NOT NULL,    -- share_any | share_each | compare | median | untestable
    test_op        VARCHAR,             -- >= | <= | > | =
    threshold      DOUBLE,              -- share tests
    compare_a      VARCHAR,             -- compare: share(a) > share(b)
    compare_b      VARCHAR,
    figure_low     DOUBLE,              -- median tests: the expected range (NULL = unbounded)
    figure_high    DOUBLE,
    segment        VARCHAR,             -- as written, e.g. seniority=intern|junior
    segment_field  VARCHAR,             -- seniority | country | remote | role
    segment_values VARCHAR[],
    reason         VARCHAR,             -- why an untestable claim cannot be tested
    note           VARCHAR
);
DROP TABLE ref_guides;
CREATE TABLE ref_guides (
    doc    VARCHAR PRIMARY KEY,
    title  VARCHAR,
    site   VARCHAR,
    year   INTEGER,
    author VARCHAR
);
-- How often each guide names each skill (the extractor over the guide's text, all of it), written by
-- `jobtrends claims mentions` into reference/guide_mentions.csv: the guides' repetition, for alignment.
CREATE TABLE ref_guide_mentions (
    doc              VARCHAR NOT NULL,
    skill            VARCHAR NOT NULL,
    mentions         INTEGER NOT NULL,
    taxonomy_version VARCHAR NOT NULL,
    PRIMARY KEY (doc, skill)
);
