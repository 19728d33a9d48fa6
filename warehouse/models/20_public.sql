-- Public query surface: keep these names and columns stable (add columns at the end only).

-- One row per posting ever seen: its latest version, and when it was first and last seen.
CREATE OR REPLACE VIEW postings AS
WITH seen AS (
    SELECT posting_id, min(run_date) AS first_seen, max(run_date) AS last_seen, count(*) AS n_weeks_seen
    FROM sightings
    GROUP BY posting_id
)
SELECT
    l.posting_id, l.source, l.board, l.company, l.title, l.url, l.is_ml_role, l.role_family, l.seniority,
    l.location, l.country, l.remote, l.salary_min_usd, l.salary_max_usd, l.posted_at,
    s.first_seen, s.last_seen,
    s.n_weeks_seen, l.week AS last_week, l.content_hash, l.source_id, l.location_raw, l.workplace_raw,
    l.employment_type_raw, l.department_raw, l.posted_at_raw, l.salary_raw, l.salary_min, l.salary_max,
    l.salary_currency, l.salary_period,
    j.canonical_id, l.period_month, l.period_raw, l.salary_text, l.tags_raw, l.roles_raw
FROM stg_latest_sightings AS l
JOIN seen AS s USING (posting_id)
JOIN stg_posting_jobs AS j USING (posting_id);

-- One row per job: the postings (sightings across boards and sources) deduplicated. The job's fields
-- are those of its canonical posting (the smallest posting_id in the group).
CREATE OR REPLACE VIEW jobs AS
SELECT
    p.canonical_id,
    arg_min(p.company, p.posting_id) AS company,
    arg_min(p.title, p.posting_id) AS title,
    bool_or(p.is_ml_role) AS is_ml_role,
    arg_min(p.role_family, p.posting_id) AS role_family,
    arg_min(p.seniority, p.posting_id) AS seniority,
    arg_min(p.country, p.posting_id) AS country,
    arg_min(p.remote, p.posting_id) AS remote,
    count(*) AS n_sightings,
    list(DISTINCT p.source ORDER BY p.source) AS sources,
    list(p.posting_id ORDER BY p.posting_id) AS posting_ids,
    min(p.first_seen) AS first_seen,
    max(p.last_seen) AS last_seen
FROM postings AS p
GROUP BY p.canonical_id;

-- Skills each posting asks for (its latest version), with the text that shows it.
CREATE OR REPLACE VIEW posting_skills AS
SELECT p.posting_id, m.skill, r.category, m.level, m.evidence
FROM postings AS p
JOIN stg_current_mentions AS m USING (content_hash)
JOIN ref_skills AS r USING (skill);

CREATE OR REPLACE VIEW skills AS
SELECT skill, name, category, aliases, parent
FROM ref_skills;

-- Share of the ML-role jobs seen in a week that ask for each skill (every skill, every week; zeros
-- kept). Counts are of jobs, not sightings: a job posted on two boards and in an HN comment counts
-- once, and asks for a skill if any of its sightings does. (n_postings counts those jobs.)
CREATE OR REPLACE VIEW skill_demand_weekly AS
WITH ml AS (
    SELECT s.week, j.canonical_id, s.content_hash
    FROM sightings AS s JOIN stg_posting_jobs AS j USING (posting_id)
    WHERE s.is_ml_role
),
weeks AS (
    SELECT week, count(DISTINCT canonical_id) AS n_postings FROM ml GROUP BY week
),
counts AS (
    SELECT ml.week, m.skill, count(DISTINCT ml.canonical_id) AS n_with_skill
    FROM ml JOIN stg_current_mentions AS m USING (content_hash)
    GROUP BY ml.week, m.skill
)
SELECT w.week, r.skill, coalesce(c.n_with_skill, 0) AS n_with_skill, w.n_postings,
       coalesce(c.n_with_skill, 0) / w.n_postings AS share
FROM weeks AS w
CROSS JOIN ref_skills AS r
LEFT JOIN counts AS c ON c.week = w.week AND c.skill = r.skill;

CREATE OR REPLACE VIEW crawl_runs AS
SELECT run_id, source, board, started_at, finished_at, status, n_items, error, week
FROM crawl_log;

CREATE OR REPLACE VIEW skipped_counts AS
SELECT week, run_id, source, board, reason, n FROM skipped_records;

CREATE OR REPLACE VIEW quarantined_records AS
SELECT week, run_id, source, board, url, reason, record FROM quarantine;

CREATE OR REPLACE VIEW claims AS
SELECT c.claim_id, c.doc, g.title AS guide_title, c.topic, c.subjects, c.stance, c.quote, c.test
FROM ref_claims AS c LEFT JOIN ref_guides AS g USING (doc);
