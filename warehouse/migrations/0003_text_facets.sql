-- Facets read from a posting's text: minimum degree, "or equivalent experience", minimum years, and
-- the salary the text states. Keyed like skill_mentions (content hash and taxonomy version), so a
-- version is read once and re-read when the taxonomy version changes; one row per extracted version,
-- including versions where nothing was found. Written in the same write window as skill_mentions,
-- delete-then-insert per (content_hash, taxonomy_version), so a re-run never double-counts.
CREATE TABLE posting_facets (
    content_hash         VARCHAR NOT NULL,
    taxonomy_version     VARCHAR NOT NULL,
    degree_min           VARCHAR NOT NULL,  -- lowest degree named: none | bachelor | master | phd | unspecified
    degree_or_equivalent BOOLEAN NOT NULL,  -- experience may replace the degree ("or equivalent experience")
    years_min            INTEGER,           -- minimum years of experience required; NULL when not stated
    salary_min           DOUBLE,            -- salary stated in the text (NULL when none), as stated
    salary_max           DOUBLE,
    salary_currency      VARCHAR,           -- ISO 4217
    salary_period        VARCHAR,           -- year | month | week | day | hour
    salary_min_usd       DOUBLE,            -- annualised, fx_usd.toml (computed at load, like sightings)
    salary_max_usd       DOUBLE,
    PRIMARY KEY (content_hash, taxonomy_version)
);
