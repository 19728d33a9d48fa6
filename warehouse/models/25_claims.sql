-- The claims scorecard: every claim in reference/claims.toml tested against each week's ML-role jobs.
--
-- Layers: stg_claim_jobs (jobs_weekly's ML-role jobs) -> stg_claim_job_subjects (what each job has:
-- skills with their ancestors, and facet subjects) -> one results view per test kind ->
-- claim_scorecard_weekly (one row per claim and week) -> claim_scorecard (the latest week), then the
-- guides' alignment, blind spots, overstated claims and contradictions.
--
-- Verdicts (reference/README.md gives the reasons):
--   supported         the 95 % interval lies inside what the claim expects
--   not supported     the interval lies outside it (the data exclude the expectation)
--   partly supported  the interval straddles the expectation; or, for a claim on several subjects
--                     that each must meet it, some do and some do not
--   not testable yet  fewer than 30 jobs in the segment (or values, for a median; or fewer than 10
--                     jobs naming exactly one side, for a comparison)
--   untestable        postings cannot test the claim at all (its `reason` says why)

-- The ML-role jobs and what they have, week by week: the public jobs_weekly and job_skills_weekly
-- (20_public.sql), plus facet subjects (degree:*, remote:*, role:*).
CREATE OR REPLACE VIEW stg_claim_jobs AS
SELECT * FROM jobs_weekly WHERE is_ml_role;

CREATE OR REPLACE VIEW stg_claim_job_subjects AS
SELECT k.week, k.canonical_id, k.skill AS subject FROM job_skills_weekly AS k JOIN stg_claim_jobs USING (week, canonical_id)
UNION
SELECT week, canonical_id, unnest(list_filter([
    CASE WHEN degree_min IN ('bachelor', 'master', 'phd') THEN 'degree:any' END,
    CASE WHEN degree_min IN ('master', 'phd') THEN 'degree:master+' END,
    CASE WHEN degree_min = 'phd' THEN 'degree:phd' END,
    CASE WHEN degree_min = 'none' OR degree_or_equivalent THEN 'degree:none' END,
    'remote:' || remote,
    'role:' || role_family
], lambda x: x IS NOT NULL)) AS subject
FROM stg_claim_jobs;

-- The jobs each testable claim is tested on, week by week: its segment, or all ML-role jobs.
CREATE OR REPLACE VIEW stg_claim_segment_jobs AS
SELECT c.claim_id, j.*
FROM ref_claims AS c
JOIN stg_claim_jobs AS j ON c.test_kind <> 'untestable' AND CASE c.segment_field
    WHEN 'seniority' THEN list_contains(c.segment_values, j.seniority)
    WHEN 'country' THEN list_contains(c.segment_values, j.country)
    WHEN 'remote' THEN list_contains(c.segment_values, j.remote)
    WHEN 'role' THEN list_contains(c.segment_values, j.role_family)
    ELSE c.segment_field IS NULL
END;

-- Share claims, per subject: k of the segment's n jobs have it.
CREATE OR REPLACE VIEW claim_subject_shares AS
WITH subjects AS (
    SELECT claim_id, unnest(subjects) AS subject FROM ref_claims WHERE test_kind IN ('share_any', 'share_each')
)
SELECT sj.week, sj.claim_id, s.subject, count(*) AS n, count(js.subject) AS k,
       count(js.subject) / count(*) AS share,
       wilson_low(count(js.subject), count(*)) AS ci_low, wilson_high(count(js.subject), count(*)) AS ci_high
FROM stg_claim_segment_jobs AS sj
JOIN subjects AS s USING (claim_id)
LEFT JOIN stg_claim_job_subjects AS js
    ON js.week = sj.week AND js.canonical_id = sj.canonical_id AND js.subject = s.subject
GROUP BY sj.week, sj.claim_id, s.subject;

CREATE OR REPLACE VIEW stg_claim_share_results AS
WITH judged AS (
    SELECT s.*, c.test_kind, c.test_op,
           CASE WHEN c.test_op = '>=' THEN interval_verdict(s.ci_low, s.ci_high, c.threshold, NULL)
                ELSE interval_verdict(s.ci_low, s.ci_high, NULL, c.threshold) END AS subject_verdict,
           printf('%s %.1f%%', s.subject, 100 * s.share) AS shown
    FROM claim_subject_shares AS s JOIN ref_claims AS c USING (claim_id)
),
per_claim AS (
    SELECT week, claim_id, any_value(test_kind) AS test_kind, any_value(test_op) AS test_op, max(n) AS n,
           -- The subject that decides: the largest share for "share >= / <=" (any one may reach it,
           -- all must stay under it); for "each share >=" the smallest.
           CASE WHEN any_value(test_kind) = 'share_each' AND any_value(test_op) = '>=' THEN arg_min(subject, k)
                ELSE arg_max(subject, k) END AS decisive,
           count(*) FILTER (WHERE subject_verdict = 'supported') AS n_supported,
           count(*) FILTER (WHERE subject_verdict = 'not supported') AS n_not_supported,
           count(*) AS n_subjects,
           string_agg(shown, ', ' ORDER BY share DESC) AS shares_shown
    FROM judged GROUP BY week, claim_id
)
SELECT p.week, p.claim_id, p.n, j.share AS observed, j.ci_low, j.ci_high,
       CASE WHEN p.n < 30 THEN 'not testable yet'
            WHEN p.test_kind = 'share_each' THEN
                CASE WHEN p.n_supported = p.n_subjects THEN 'supported'
                     WHEN p.n_not_supported = p.n_subjects THEN 'not supported'
                     ELSE 'partly supported' END
            ELSE j.subject_verdict END AS verdict,
       printf('%s of %d jobs', p.shares_shown, p.n) AS explanation
FROM per_claim AS p
JOIN judged AS j ON j.week = p.week AND j.claim_id = p.claim_id AND j.subject = p.decisive;

-- Comparisons share(a) > share(b): the jobs are the same, so the test is on the jobs that name
-- exactly one of the two (a paired test): a share of them above one half means a is asked for more.
CREATE OR REPLACE VIEW stg_claim_compare_results AS
WITH flags AS (
    SELECT sj.week, sj.claim_id, ja.subject IS NOT NULL AS has_a, jb.subject IS NOT NULL AS has_b
    FROM stg_claim_segment_jobs AS sj
    JOIN ref_claims AS c ON c.claim_id = sj.claim_id AND c.test_kind = 'compare'
    LEFT JOIN stg_claim_job_subjects AS ja ON ja.week = sj.week AND ja.canonical_id = sj.canonical_id AND ja.subject = c.compare_a
    LEFT JOIN stg_claim_job_subjects AS jb ON jb.week = sj.week AND jb.canonical_id = sj.canonical_id AND jb.subject = c.compare_b
),
counts AS (
    SELECT week, claim_id, count(*) AS n_jobs, count(*) FILTER (WHERE has_a) AS k_a, count(*) FILTER (WHERE has_b) AS k_b,
           count(*) FILTER (WHERE has_a AND NOT has_b) AS a_only, count(*) FILTER (WHERE has_b AND NOT has_a) AS b_only
    FROM flags GROUP BY week, claim_id
)
SELECT t.week, t.claim_id, t.a_only + t.b_only AS n,
       t.a_only / nullif(t.a_only + t.b_only, 0) AS observed,
       wilson_low(t.a_only, t.a_only + t.b_only) AS ci_low, wilson_high(t.a_only, t.a_only + t.b_only) AS ci_high,
       CASE WHEN t.a_only + t.b_only < 10 OR t.n_jobs < 30 THEN 'not testable yet'
            ELSE interval_verdict(wilson_low(t.a_only, t.a_only + t.b_only), wilson_high(t.a_only, t.a_only + t.b_only), 0.5, NULL)
       END AS verdict,
       printf('%s %.1f%% vs %s %.1f%% of %d jobs; of the %d naming only one, %d name %s',
              c.compare_a, 100 * t.k_a / t.n_jobs, c.compare_b, 100 * t.k_b / t.n_jobs, t.n_jobs,
              t.a_only + t.b_only, t.a_only, c.compare_a) AS explanation
FROM counts AS t JOIN ref_claims AS c USING (claim_id);

-- Figures (median salary or years): the sample median with a distribution-free 95 % interval
-- (order statistics n/2 ± 0.98·√n).
CREATE OR REPLACE VIEW stg_claim_median_results AS
WITH claim_values AS (
    SELECT sj.week, sj.claim_id, count(*) AS n_jobs,
           list_sort(list(CASE c.subjects[1] WHEN 'salary' THEN sj.salary_usd WHEN 'years' THEN sj.years_min END)
                     FILTER (WHERE CASE c.subjects[1] WHEN 'salary' THEN sj.salary_usd WHEN 'years' THEN sj.years_min END IS NOT NULL)) AS v
    FROM stg_claim_segment_jobs AS sj
    JOIN ref_claims AS c ON c.claim_id = sj.claim_id AND c.test_kind = 'median'
    GROUP BY sj.week, sj.claim_id
),
bounds AS (
    SELECT *, coalesce(len(v), 0) AS n,
           greatest(1, floor(len(v) / 2 - 0.98 * sqrt(len(v))))::INTEGER AS lo_rank,
           least(len(v), ceil(len(v) / 2 + 1 + 0.98 * sqrt(len(v))))::INTEGER AS hi_rank
    FROM claim_values
)
SELECT b.week, b.claim_id, b.n, list_median(b.v) AS observed, b.v[b.lo_rank] AS ci_low, b.v[b.hi_rank] AS ci_high,
       CASE WHEN b.n < 30 THEN 'not testable yet'
            ELSE interval_verdict(b.v[b.lo_rank], b.v[b.hi_rank], c.figure_low, c.figure_high) END AS verdict,
       CASE WHEN b.n = 0 THEN printf('no job in the segment states its %s (%d jobs in the segment)', c.subjects[1], b.n_jobs)
            ELSE printf('median %s %s of %d jobs stating it (%d in the segment)',
                        c.subjects[1], CASE WHEN c.subjects[1] = 'salary' THEN printf('$%,.0f', list_median(b.v))
                                            ELSE printf('%.1f', list_median(b.v)) END, b.n, b.n_jobs) END AS explanation
FROM bounds AS b JOIN ref_claims AS c USING (claim_id);

-- One row per claim and week with ML-role jobs.
CREATE OR REPLACE VIEW claim_scorecard_weekly AS
WITH weeks AS (SELECT DISTINCT week FROM stg_claim_jobs),
results AS (
    SELECT week, claim_id, n, observed, ci_low, ci_high, verdict, explanation FROM stg_claim_share_results
    UNION ALL SELECT week, claim_id, n, observed, ci_low, ci_high, verdict, explanation FROM stg_claim_compare_results
    UNION ALL SELECT week, claim_id, n, observed, ci_low, ci_high, verdict, explanation FROM stg_claim_median_results
)
SELECT w.week, c.claim_id, c.doc, c.topic, c.stance, c.subjects,
       CASE
           WHEN c.test_kind = 'untestable' THEN 'untestable'
           WHEN r.claim_id IS NULL OR r.verdict IS NULL THEN 'not testable yet'
           ELSE r.verdict
       END AS verdict,
       r.observed,
       CASE c.test_kind
           WHEN 'share_any' THEN printf('share %s %.2f', c.test_op, c.threshold)
           WHEN 'share_each' THEN printf('each share %s %.2f', c.test_op, c.threshold)
           WHEN 'compare' THEN printf('more jobs name %s than %s (> 0.5 of those naming one)', c.compare_a, c.compare_b)
           WHEN 'median' THEN CASE
               WHEN c.figure_low IS NOT NULL AND c.figure_high IS NOT NULL THEN printf('median %,.0f to %,.0f', c.figure_low, c.figure_high)
               WHEN c.figure_low IS NOT NULL THEN printf('median >= %,.0f', c.figure_low)
               ELSE printf('median <= %,.0f', c.figure_high) END
       END AS expected,
       coalesce(r.n, 0) AS n, r.ci_low, r.ci_high, coalesce(c.segment, 'all ML-role jobs') AS segment,
       CASE WHEN c.test_kind = 'untestable' THEN c.reason
            WHEN r.claim_id IS NULL THEN 'no ML-role jobs in the segment this week'
            ELSE r.explanation END AS explanation,
       c.test_kind, c.test, c.quote
FROM weeks AS w
CROSS JOIN ref_claims AS c
LEFT JOIN results AS r ON r.week = w.week AND r.claim_id = c.claim_id;

CREATE OR REPLACE VIEW claim_scorecard AS
SELECT * FROM claim_scorecard_weekly WHERE week = (SELECT max(week) FROM claim_scorecard_weekly);

-- How strongly each guide stresses each skill: the strongest stance among its claims naming it
-- (essential 4, important 3, recommended 2, optional 1, not-needed 0; the favoured side of a
-- comparison 3, the other 1; a skill named but not graded 1), plus ln(1 + times the guide names it).
CREATE OR REPLACE VIEW guide_skill_emphasis AS
WITH graded AS (
    SELECT doc, unnest(subjects) AS skill,
           CASE stance WHEN 'essential' THEN 4 WHEN 'important' THEN 3 WHEN 'recommended' THEN 2
                       WHEN 'optional' THEN 1 WHEN 'not-needed' THEN 0 END AS weight
    FROM ref_claims WHERE test_kind IN ('share_any', 'share_each')
    UNION ALL SELECT doc, compare_a, 3 FROM ref_claims WHERE test_kind = 'compare'
    UNION ALL SELECT doc, compare_b, 1 FROM ref_claims WHERE test_kind = 'compare'
),
stance AS (
    SELECT g.doc, g.skill, max(g.weight) AS stance_weight
    FROM graded AS g JOIN ref_skills AS r USING (skill) GROUP BY g.doc, g.skill
)
SELECT doc, skill, s.stance_weight, coalesce(m.mentions, 0) AS mentions,
       coalesce(s.stance_weight, 1) + ln(1 + coalesce(m.mentions, 0)) AS emphasis
FROM stance AS s FULL JOIN ref_guide_mentions AS m USING (doc, skill)
WHERE skill IN (SELECT skill FROM ref_skills);

-- Per guide and week: Spearman's rank correlation between the guide's emphasis and observed demand,
-- over the skills the guide names plus the 30 most demanded (emphasis 0 when it never names them).
CREATE OR REPLACE VIEW guide_alignment_weekly AS
WITH demand AS (
    SELECT week, skill, share, rank() OVER (PARTITION BY week ORDER BY share DESC, skill) AS demand_rank
    FROM skill_demand_weekly
),
universe AS (
    SELECT d.week, g.doc, d.skill, d.share, coalesce(e.emphasis, 0) AS emphasis
    FROM demand AS d
    CROSS JOIN ref_guides AS g
    LEFT JOIN guide_skill_emphasis AS e ON e.doc = g.doc AND e.skill = d.skill
    WHERE (d.demand_rank <= 30 AND d.share > 0) OR e.emphasis > 0
),
ranked AS (
    SELECT *,
           rank() OVER (PARTITION BY week, doc ORDER BY emphasis) + (count(*) OVER (PARTITION BY week, doc, emphasis) - 1) / 2 AS emphasis_rank,
           rank() OVER (PARTITION BY week, doc ORDER BY share) + (count(*) OVER (PARTITION BY week, doc, share) - 1) / 2 AS share_rank
    FROM universe
),
correlation AS (
    SELECT week, doc, count(*) AS n_skills, corr(emphasis_rank, share_rank) AS spearman_rho FROM ranked GROUP BY week, doc
),
verdicts AS (
    SELECT week, doc, count(*) AS n_claims,
           count(*) FILTER (WHERE verdict = 'supported') AS n_supported,
           count(*) FILTER (WHERE verdict = 'partly supported') AS n_partly_supported,
           count(*) FILTER (WHERE verdict = 'not supported') AS n_not_supported,
           count(*) FILTER (WHERE verdict IN ('not testable yet', 'untestable')) AS n_not_tested
    FROM claim_scorecard_weekly GROUP BY week, doc
)
SELECT c.week, c.doc, g.title, g.site, c.n_skills, c.spearman_rho,
       rank() OVER (PARTITION BY c.week ORDER BY c.spearman_rho DESC NULLS LAST) AS alignment_rank,
       v.n_claims, v.n_supported, v.n_partly_supported, v.n_not_supported, v.n_not_tested,
       v.n_supported / nullif(v.n_supported + v.n_partly_supported + v.n_not_supported, 0) AS supported_share
FROM correlation AS c
JOIN ref_guides AS g USING (doc)
LEFT JOIN verdicts AS v ON v.week = c.week AND v.doc = c.doc;

CREATE OR REPLACE VIEW guide_alignment AS
SELECT * FROM guide_alignment_weekly WHERE week = (SELECT max(week) FROM guide_alignment_weekly)
ORDER BY alignment_rank;

-- Per week, the 20 most demanded skills that a guide never names (claims or text).
CREATE OR REPLACE VIEW guide_blind_spots_weekly AS
WITH demand AS (
    SELECT week, skill, share, n_with_skill, rank() OVER (PARTITION BY week ORDER BY share DESC, skill) AS demand_rank
    FROM skill_demand_weekly WHERE n_with_skill > 0
)
SELECT d.week, g.doc, g.title, d.skill, r.name, r.category, d.share, d.n_with_skill, d.demand_rank
FROM demand AS d
JOIN ref_skills AS r USING (skill)
CROSS JOIN ref_guides AS g
WHERE d.demand_rank <= 20
  AND NOT EXISTS (SELECT 1 FROM guide_skill_emphasis AS e WHERE e.doc = g.doc AND e.skill = d.skill);

CREATE OR REPLACE VIEW guide_blind_spots AS
SELECT * EXCLUDE (week) FROM guide_blind_spots_weekly
WHERE week = (SELECT max(week) FROM guide_blind_spots_weekly)
ORDER BY doc, demand_rank;

-- Skills a guide calls essential or important that the latest week's postings do not bear out.
CREATE OR REPLACE VIEW guide_overstated AS
SELECT s.doc, s.claim_id, s.stance, s.subjects, s.expected, s.observed, s.ci_low, s.ci_high, s.n, s.quote
FROM claim_scorecard AS s
WHERE s.stance IN ('essential', 'important') AND s.verdict = 'not supported'
ORDER BY s.doc, s.observed;

-- Where guides disagree on the same subjects, and which side the latest week's postings support.
-- contradiction: the expectations cannot both hold (share >= 0.5 vs share <= 0.1; a > b vs b > a;
-- disjoint figures); strength: both may hold but the guides grade the subject differently.
CREATE OR REPLACE VIEW claim_contradictions_weekly AS
WITH tested AS (
    SELECT s.*, c.test_op, c.compare_a, c.compare_b, list_sort(c.subjects) AS subject_set,
           CASE WHEN c.test_kind = 'median' THEN c.figure_low WHEN c.test_op = '>=' THEN c.threshold WHEN c.test_op = '<=' THEN 0 END AS exp_lo,
           CASE WHEN c.test_kind = 'median' THEN c.figure_high WHEN c.test_op = '>=' THEN 1 WHEN c.test_op = '<=' THEN c.threshold END AS exp_hi
    FROM claim_scorecard_weekly AS s JOIN ref_claims AS c USING (claim_id)
    WHERE s.test_kind <> 'untestable'
),
pairs AS (
    SELECT a.week, a.subject_set, a.test_kind,
           CASE WHEN a.test_kind = 'compare' OR a.exp_lo > coalesce(b.exp_hi, 1e300) OR b.exp_lo > coalesce(a.exp_hi, 1e300)
                THEN 'contradiction' ELSE 'strength' END AS kind,
           a.claim_id AS claim_a, a.doc AS doc_a, a.stance AS stance_a, a.expected AS expected_a, a.verdict AS verdict_a,
           b.claim_id AS claim_b, b.doc AS doc_b, b.stance AS stance_b, b.expected AS expected_b, b.verdict AS verdict_b,
           a.observed, a.ci_low, a.ci_high, a.n,
           -- the stronger expectation of the pair: the higher lower bound
           CASE WHEN coalesce(a.exp_lo, 0) >= coalesce(b.exp_lo, 0) THEN a.claim_id ELSE b.claim_id END AS stronger
    FROM tested AS a
    JOIN tested AS b
      ON a.week = b.week AND a.claim_id < b.claim_id AND a.doc <> b.doc AND a.test_kind = b.test_kind
     AND coalesce(a.segment, '') = coalesce(b.segment, '')
     AND CASE WHEN a.test_kind = 'compare' THEN a.compare_a = b.compare_b AND a.compare_b = b.compare_a
              ELSE a.subject_set = b.subject_set AND (a.exp_lo IS DISTINCT FROM b.exp_lo OR a.exp_hi IS DISTINCT FROM b.exp_hi) END
)
SELECT week, subject_set AS subjects, kind, claim_a, doc_a, stance_a, expected_a, verdict_a,
       claim_b, doc_b, stance_b, expected_b, verdict_b, observed, ci_low, ci_high, n,
       CASE WHEN verdict_a = 'supported' AND verdict_b = 'supported' THEN stronger
            WHEN verdict_a = 'supported' THEN claim_a
            WHEN verdict_b = 'supported' THEN claim_b
            WHEN verdict_a = 'not supported' AND verdict_b = 'not supported' THEN 'neither'
            ELSE 'unclear' END AS postings_support
FROM pairs;

CREATE OR REPLACE VIEW claim_contradictions AS
SELECT * EXCLUDE (week) FROM claim_contradictions_weekly
WHERE week = (SELECT max(week) FROM claim_contradictions_weekly)
ORDER BY kind, subjects, claim_a, claim_b;
