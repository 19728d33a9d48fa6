-- Claims registry v3 (reference/README.md): points, populations and segments as structs, group
-- comparisons and trends, withdrawn claims; skills carry whether they are tacit foundations and
-- whether they define the population. Reference tables are reloaded in full on every load.
ALTER TABLE ref_skills ADD COLUMN tacit BOOLEAN DEFAULT false;
ALTER TABLE ref_skills ADD COLUMN defines_population BOOLEAN DEFAULT false;
DROP TABLE ref_claims;
CREATE TABLE ref_claims (
    claim_id       VARCHAR PRIMARY KEY,
    point_id       VARCHAR NOT NULL,    -- the guide's point; claims from one sentence or list share it
    doc            VARCHAR NOT NULL,
    topic          VARCHAR,
    subjects       VARCHAR[] NOT NULL,  -- skill ids, or facets such as degree:master+ and salary
    stance         VARCHAR NOT NULL,    -- non-negotiable | essential | important | recommended | optional | not-needed | comparison | figure | trend
    quote          VARCHAR NOT NULL,    -- verbatim from the guide, whitespace collapsed
    test           VARCHAR NOT NULL,    -- as written in claims.toml
    test_kind      VARCHAR NOT NULL,    -- share_any | share_each | compare | compare_groups | median | trend | untestable
    test_op        VARCHAR,             -- >= | <= | > | = | rising | falling
    threshold      DOUBLE,              -- share tests
    required_only  BOOLEAN NOT NULL DEFAULT false,  -- count only requirement mentions (non-negotiable, essential, not-needed)
    compare_a      VARCHAR,             -- compare: share(a) > share(b)
    compare_b      VARCHAR,
    figure_low     DOUBLE,              -- median tests: the expected range (NULL = unbounded)
    figure_high    DOUBLE,
    segment        VARCHAR,             -- as written, e.g. country=US,seniority=mid
    population     STRUCT(role VARCHAR[], seniority VARCHAR[], country VARCHAR[], state VARCHAR[], remote VARCHAR[]),
    group_a        STRUCT(role VARCHAR[], seniority VARCHAR[], country VARCHAR[], state VARCHAR[], remote VARCHAR[]),
    group_b        STRUCT(role VARCHAR[], seniority VARCHAR[], country VARCHAR[], state VARCHAR[], remote VARCHAR[]),
    reason         VARCHAR,             -- why an untestable claim cannot be tested
    note           VARCHAR
);
CREATE TABLE ref_withdrawn_claims (
    claim_id VARCHAR PRIMARY KEY,
    reason   VARCHAR NOT NULL
);
