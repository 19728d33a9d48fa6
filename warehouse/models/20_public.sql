-- Public query surface: keep these names and columns stable (add columns at the end only).

-- One row per posting ever seen: its latest version, and when it was first and last seen.
-- Salary: structured first, text otherwise. salary_source is 'structured' when the source's own
-- salary fields (API field, HN header) give salary_min or salary_max, else 'text' when the posting's
-- text states one (stg_current_facets), else NULL. The whole salary (min, max, currency, period, USD)
-- comes from that one source, never the minimum from one and the maximum from the other.
-- Seniority: from the title; where the title says nothing ('unspecified') and the text states a
-- minimum of years, from the years: under 2 junior, 2 to 4 mid, 5 or more senior. seniority_source
-- says which ('title' | 'years'; NULL when still 'unspecified').
-- state: the US state the location names (USPS code; NULL unless country = 'US' and a state is named).
-- degree_fields: the fields its degree requirement names (cs, math, statistics, physics, engineering,
-- data-science, quantitative); empty when none, NULL like degree_min when the text was not extracted.
CREATE OR REPLACE VIEW postings AS
WITH seen AS (
    SELECT posting_id, min(run_date) AS first_seen, max(run_date) AS last_seen, count(*) AS n_weeks_seen
    FROM sightings
    GROUP BY posting_id
),
latest AS (
    SELECT l.*, f.degree_min, f.degree_or_equivalent, f.years_min, f.degree_fields,
           f.salary_min AS text_salary_min, f.salary_max AS text_salary_max,
           f.salary_currency AS text_salary_currency, f.salary_period AS text_salary_period,
           f.salary_min_usd AS text_salary_min_usd, f.salary_max_usd AS text_salary_max_usd,
           CASE
               WHEN l.salary_min IS NOT NULL OR l.salary_max IS NOT NULL THEN 'structured'
               WHEN f.salary_min IS NOT NULL OR f.salary_max IS NOT NULL THEN 'text'
           END AS salary_source,
           CASE
               WHEN l.seniority <> 'unspecified' THEN 'title'
               WHEN f.years_min IS NOT NULL THEN 'years'
           END AS seniority_source
    FROM stg_latest_sightings AS l
    LEFT JOIN stg_current_facets AS f USING (content_hash)
)
SELECT
    l.posting_id, l.source, l.board, l.company, l.title, l.url, l.is_ml_role, l.role_family,
    CASE
        WHEN l.seniority_source = 'years' THEN
            CASE WHEN l.years_min < 2 THEN 'junior' WHEN l.years_min < 5 THEN 'mid' ELSE 'senior' END
        ELSE l.seniority
    END AS seniority,
    l.location, l.country, l.remote,
    CASE WHEN l.salary_source = 'text' THEN l.text_salary_min_usd ELSE l.salary_min_usd END AS salary_min_usd,
    CASE WHEN l.salary_source = 'text' THEN l.text_salary_max_usd ELSE l.salary_max_usd END AS salary_max_usd,
    l.posted_at, s.first_seen, s.last_seen,
    s.n_weeks_seen, l.week AS last_week, l.content_hash, l.source_id, l.location_raw, l.workplace_raw,
    l.employment_type_raw, l.department_raw, l.posted_at_raw, l.salary_raw,
    CASE WHEN l.salary_source = 'text' THEN l.text_salary_min ELSE l.salary_min END AS salary_min,
    CASE WHEN l.salary_source = 'text' THEN l.text_salary_max ELSE l.salary_max END AS salary_max,
    CASE WHEN l.salary_source = 'text' THEN l.text_salary_currency ELSE l.salary_currency END AS salary_currency,
    CASE WHEN l.salary_source = 'text' THEN l.text_salary_period ELSE l.salary_period END AS salary_period,
    j.canonical_id, l.period_month, l.period_raw, l.salary_text, l.tags_raw, l.roles_raw,
    l.degree_min, l.degree_or_equivalent, l.years_min, l.salary_source, l.seniority_source,
    l.state, l.degree_fields
FROM latest AS l
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
-- One row per (week, job): every job seen that week, with the facets of its first posting sighted
-- that week, as `postings` shows it (its latest version). salary_usd is the mid-point of the
-- annualised USD range; region groups countries (NULL country: 'unknown'); state and degree_fields as
-- in postings.
CREATE OR REPLACE VIEW jobs_weekly AS
WITH seen AS (
    SELECT s.week, s.posting_id, j.canonical_id, bool_or(s.is_ml_role) OVER (PARTITION BY s.week, j.canonical_id) AS is_ml_role
    FROM (SELECT DISTINCT week, posting_id, is_ml_role FROM sightings) AS s
    JOIN stg_posting_jobs AS j USING (posting_id)
)
SELECT seen.week, seen.canonical_id, p.posting_id, p.source, p.company, p.title, seen.is_ml_role, p.role_family,
       p.seniority, p.country,
       CASE
           WHEN p.country IS NULL THEN 'unknown'
           WHEN p.country = 'US' THEN 'United States'
           WHEN p.country = 'CA' THEN 'Canada'
           WHEN p.country IN ('GB', 'IE') THEN 'UK & Ireland'
           WHEN p.country IN ('DE', 'FR', 'NL', 'BE', 'LU', 'AT', 'CH', 'ES', 'PT', 'IT', 'DK', 'SE', 'NO', 'FI',
                              'IS', 'PL', 'CZ', 'SK', 'HU', 'RO', 'BG', 'GR', 'HR', 'SI', 'EE', 'LV', 'LT', 'UA', 'RS')
               THEN 'Europe'
           WHEN p.country = 'IN' THEN 'India'
           WHEN p.country IN ('SG', 'JP', 'KR', 'CN', 'HK', 'TW', 'AU', 'NZ', 'ID', 'MY', 'PH', 'TH', 'VN') THEN 'Asia-Pacific'
           WHEN p.country IN ('BR', 'MX', 'AR', 'CO', 'CL', 'PE', 'UY', 'CR') THEN 'Latin America'
           ELSE 'other'
       END AS region,
       p.remote, p.degree_min, p.degree_or_equivalent, p.years_min,
       (coalesce(p.salary_min_usd, p.salary_max_usd) + coalesce(p.salary_max_usd, p.salary_min_usd)) / 2 AS salary_usd,
       p.content_hash, p.state, p.degree_fields
FROM seen JOIN postings AS p USING (posting_id)
QUALIFY row_number() OVER (PARTITION BY seen.week, seen.canonical_id ORDER BY seen.posting_id) = 1;

-- One row per (week, job, skill): the job names the skill, or a skill below it (pyspark counts for
-- spark), in any of its postings sighted that week. required: named outside nice-to-have text.
CREATE OR REPLACE VIEW job_skills_weekly AS
SELECT s.week, j.canonical_id, a.ancestor AS skill, bool_or(m.level = 'required') AS required
FROM sightings AS s
JOIN stg_posting_jobs AS j USING (posting_id)
JOIN stg_current_mentions AS m USING (content_hash)
JOIN stg_skill_ancestors AS a ON a.skill = m.skill
GROUP BY s.week, j.canonical_id, a.ancestor;

-- years: the years of experience the posting asks for with this skill ("3+ years of Python"), else NULL.
CREATE OR REPLACE VIEW posting_skills AS
SELECT p.posting_id, m.skill, r.category, m.level, m.evidence, m.years
FROM postings AS p
JOIN stg_current_mentions AS m USING (content_hash)
JOIN ref_skills AS r USING (skill);

-- tacit: a foundation employers take for granted (its absence from postings is no evidence);
-- defines_population: named by nearly every ML job by construction (AI, machine learning).
CREATE OR REPLACE VIEW skills AS
SELECT skill, name, category, aliases, parent, tacit, defines_population
FROM ref_skills;

-- Share of the ML-role jobs seen in a week that ask for each skill (every skill, every week; zeros
-- kept). Counts are of jobs, not sightings: a job posted on two boards and in an HN comment counts
-- once, and asks for a skill if any of its sightings does. (n_postings counts those jobs.)
-- Skills roll up to their parents (ref_skills.parent, through stg_skill_ancestors): a job asks for
-- S if it mentions S or any descendant of S, and counts once however many of them it names (a
-- PySpark-only job counts for pyspark and once for spark). posting_skills stays as extracted.
-- n_required: of those jobs, the ones where S or a descendant is required (not only preferred) in
-- at least one sighting; n_with_skill - n_required asked for it as preferred only.
CREATE OR REPLACE VIEW skill_demand_weekly AS
WITH weeks AS (
    SELECT week, count(*) AS n_postings FROM jobs_weekly WHERE is_ml_role GROUP BY week
),
counts AS (
    SELECT k.week, k.skill, count(*) AS n_with_skill, count(*) FILTER (WHERE k.required) AS n_required
    FROM job_skills_weekly AS k
    JOIN jobs_weekly AS j ON j.week = k.week AND j.canonical_id = k.canonical_id AND j.is_ml_role
    GROUP BY k.week, k.skill
)
SELECT w.week, r.skill, coalesce(c.n_with_skill, 0) AS n_with_skill, w.n_postings,
       coalesce(c.n_with_skill, 0) / w.n_postings AS share, coalesce(c.n_required, 0) AS n_required
FROM weeks AS w
CROSS JOIN ref_skills AS r
LEFT JOIN counts AS c ON c.week = w.week AND c.skill = r.skill;

CREATE OR REPLACE VIEW crawl_runs AS
SELECT run_id, source, board, started_at, finished_at, status, n_items, error, week
FROM crawl_log;

-- Every weekly run started, from the run journal (copied at each load, so the run loading now
-- appears with the next one): how it ended, and whether it loaded anything.
CREATE OR REPLACE VIEW runs AS
SELECT j.run_id, j.week, j.started_at, j.finished_at, j.status, j.n_failed_boards, j.n_volume_drops, j.error,
       j.run_id IN (SELECT run_id FROM run_log) AS loaded
FROM run_journal AS j;

CREATE OR REPLACE VIEW skipped_counts AS
SELECT week, run_id, source, board, reason, n FROM skipped_records;

CREATE OR REPLACE VIEW quarantined_records AS
SELECT week, run_id, source, board, url, reason, record FROM quarantine;

-- The career guides whose claims are tested; label is short enough for a chart axis ("003 · Hakia").
CREATE OR REPLACE VIEW guides AS
SELECT doc, left(doc, 3) || ' · ' || coalesce(nullif(site, ''), title) AS label, title, site, year, author
FROM ref_guides;

CREATE OR REPLACE VIEW claims AS
SELECT c.claim_id, c.doc, g.title AS guide_title, c.topic, c.subjects, c.stance, c.quote, c.test, c.test_kind,
       c.segment, c.reason, c.note, c.point_id, c.required_only
FROM ref_claims AS c LEFT JOIN ref_guides AS g USING (doc);

-- Claim ids once published and no longer tested, with why.
CREATE OR REPLACE VIEW withdrawn_claims AS
SELECT claim_id, reason FROM ref_withdrawn_claims;
