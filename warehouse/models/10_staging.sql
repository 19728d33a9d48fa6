-- Staging: the current taxonomy's extractions, and each week's ML sightings.
CREATE OR REPLACE VIEW stg_current_mentions AS
SELECT m.content_hash, m.skill, m.level, m.evidence
FROM skill_mentions AS m
WHERE m.taxonomy_version = (SELECT max(taxonomy_version) FROM ref_skills);

CREATE OR REPLACE VIEW stg_latest_sightings AS
SELECT *
FROM sightings
QUALIFY row_number() OVER (PARTITION BY posting_id ORDER BY week DESC, run_date DESC) = 1;
