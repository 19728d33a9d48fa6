-- Staging: the current taxonomy's extractions, each posting's latest sighting, and its job.
CREATE OR REPLACE VIEW stg_current_mentions AS
SELECT m.content_hash, m.skill, m.level, m.evidence
FROM skill_mentions AS m
WHERE m.taxonomy_version = (SELECT max(taxonomy_version) FROM ref_skills);

CREATE OR REPLACE VIEW stg_latest_sightings AS
SELECT *
FROM sightings
QUALIFY row_number() OVER (PARTITION BY posting_id ORDER BY week DESC, run_date DESC) = 1;

-- posting -> the job it is a sighting of (itself until deduplication says otherwise).
CREATE OR REPLACE VIEW stg_posting_jobs AS
SELECT p.posting_id, coalesce(c.canonical_id, p.posting_id) AS canonical_id
FROM (SELECT DISTINCT posting_id FROM sightings) AS p
LEFT JOIN canonical_jobs AS c USING (posting_id);
