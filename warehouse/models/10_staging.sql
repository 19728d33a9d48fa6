-- Staging: the current taxonomy's extractions, each posting's latest sighting, and its job.
CREATE OR REPLACE VIEW stg_current_mentions AS
SELECT m.content_hash, m.skill, m.level, m.evidence, m.years
FROM skill_mentions AS m
WHERE m.taxonomy_version = (SELECT max(taxonomy_version) FROM ref_skills);

-- Text facets (degree, degree fields, years, text salary) of each posting version, current taxonomy
-- version only: one row per extracted version. degree_fields is NULL only on a row stored before it
-- existed (migration 0007), which the next load extracts again (warehouse/load.py).
CREATE OR REPLACE VIEW stg_current_facets AS
SELECT f.content_hash, f.degree_min, f.degree_or_equivalent, f.years_min, f.salary_min, f.salary_max,
       f.salary_currency, f.salary_period, f.salary_min_usd, f.salary_max_usd, f.degree_fields
FROM posting_facets AS f
WHERE f.taxonomy_version = (SELECT max(taxonomy_version) FROM ref_skills);

-- skill -> each of its ancestors through ref_skills.parent, and itself (depth 0): a mention of
-- PySpark is a mention of Spark too. The depth cap only guards against a parent cycle.
CREATE OR REPLACE VIEW stg_skill_ancestors AS
WITH RECURSIVE up (skill, ancestor, depth) AS (
    SELECT skill, skill, 0 FROM ref_skills
    UNION ALL
    SELECT u.skill, r.parent, u.depth + 1
    FROM up AS u JOIN ref_skills AS r ON r.skill = u.ancestor
    WHERE r.parent IS NOT NULL AND u.depth < 16
)
SELECT skill, ancestor, min(depth) AS depth FROM up GROUP BY skill, ancestor;

CREATE OR REPLACE VIEW stg_latest_sightings AS
SELECT *
FROM sightings
QUALIFY row_number() OVER (PARTITION BY posting_id ORDER BY week DESC, run_date DESC) = 1;

-- posting -> the job it is a sighting of (itself until deduplication says otherwise).
CREATE OR REPLACE VIEW stg_posting_jobs AS
SELECT p.posting_id, coalesce(c.canonical_id, p.posting_id) AS canonical_id
FROM (SELECT DISTINCT posting_id FROM sightings) AS p
LEFT JOIN canonical_jobs AS c USING (posting_id);
