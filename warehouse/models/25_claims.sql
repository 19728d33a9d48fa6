-- The claims scorecard: every claim in reference/claims.toml tested against the ML-role jobs, week by week.
--
-- Layers: stg_claim_jobs (jobs_weekly's ML-role jobs, with their employer) -> stg_claim_job_subjects
-- (what each job has: skills with their ancestors, whether required, and facet subjects) ->
-- stg_claim_window_jobs (each claim population's jobs in a 1-, 4- or 13-week window, each job once) ->
-- one results view per test kind, with employer-clustered intervals and the each-employer-once twin ->
-- claim_scorecard_weekly (one row per claim and week, p- and q-values) -> claim_scorecard (the latest
-- week), then points, the guides' alignment, blind spots, overstated claims and contradictions.
--
-- Verdicts are evidence classes (reference/README.md, "Verdicts: evidence classes"):
--   supported          the 95 % interval lies inside what the claim expects
--   partly supported   the interval straddles it (an `each` claim: mixed, none clearly failing)
--   contradicted       direct counter-evidence: a comparison or trend reversed, a figure outside its band,
--                      a not-needed subject many jobs require, a degree or role-mix share that the
--                      stated facts put below the claim
--   rarely asked for   a listable subject (a tool, a language, a certification) named by too few jobs
--   rarely stated      the same for a tacit foundation: silence is no evidence against the guide
--   not testable yet   too few jobs even in 13 weeks
--   untestable         postings cannot test the claim (its `reason` says why)

-- The ML-role jobs, week by week. An employer is a cluster of dependent postings; a job without a
-- company is its own cluster.
CREATE OR REPLACE VIEW stg_claim_jobs AS
SELECT *, coalesce(lower(trim(company)), 'job:' || canonical_id) AS employer,
       degree_min IN ('bachelor', 'master', 'phd', 'none') OR coalesce(degree_or_equivalent, false) AS states_degree
FROM jobs_weekly WHERE is_ml_role;

-- What each job has: skills (with ancestors, required when named outside nice-to-have text) and facets.
CREATE OR REPLACE VIEW stg_claim_job_subjects AS
WITH skills AS (
    SELECT k.week, k.canonical_id, k.skill AS subject, k.required
    FROM job_skills_weekly AS k JOIN stg_claim_jobs USING (week, canonical_id)
),
derived AS (
    SELECT s.week, s.canonical_id, CASE r.category WHEN 'certification' THEN 'cert:any' ELSE 'foundation:math' END AS subject,
           s.required
    FROM skills AS s JOIN ref_skills AS r ON r.skill = s.subject
    WHERE r.category IN ('certification', 'math')
),
facets AS (
    SELECT week, canonical_id, unnest(list_filter([
        CASE WHEN degree_min IN ('bachelor', 'master', 'phd') THEN 'degree:any' END,
        CASE WHEN degree_min IN ('master', 'phd') THEN 'degree:master+' END,
        CASE WHEN degree_min = 'phd' THEN 'degree:phd' END,
        CASE WHEN degree_min = 'none' OR degree_or_equivalent THEN 'degree:none' END,
        CASE WHEN list_contains(degree_fields, 'quantitative') THEN 'foundation:quantitative' END,
        'remote:' || remote,
        'role:' || role_family
    ] || list_transform(coalesce(degree_fields, []), lambda f: 'degree_field:' || f), lambda x: x IS NOT NULL)) AS subject,
           true AS required
    FROM stg_claim_jobs
),
everything AS (
    SELECT * FROM skills UNION ALL SELECT * FROM derived UNION ALL SELECT * FROM facets
    UNION ALL SELECT week, canonical_id, 'foundation:quantitative', required FROM derived WHERE subject = 'foundation:math'
)
SELECT week, canonical_id, subject, bool_or(required) AS required FROM everything GROUP BY ALL;

-- What kind of evidence a subject's absence is: 'observed' (a fact every posting has: degree, role,
-- remote; falling short of a claim on it contradicts the claim), 'tacit' (a foundation employers take
-- for granted: ref_skills.tacit, the foundation:* baselines) or 'listable' (anything an employer who
-- wanted it would name).
CREATE OR REPLACE VIEW stg_claim_subject_kinds AS
SELECT c.claim_id, s.subject,
       CASE WHEN s.subject LIKE 'degree:%' OR s.subject LIKE 'remote:%' OR s.subject LIKE 'role:%' THEN 'observed'
            WHEN s.subject LIKE 'foundation:%' OR coalesce(r.tacit, false) THEN 'tacit'
            ELSE 'listable' END AS kind
FROM ref_claims AS c, unnest(c.subjects) AS s(subject)
LEFT JOIN ref_skills AS r ON r.skill = s.subject;

-- What a share claim that falls short is, per claim: contradicted when all its subjects are observed
-- facts, rarely stated when all are tacit, else rarely asked for (an employer would name the listable one).
CREATE OR REPLACE VIEW stg_claim_shortfall AS
SELECT claim_id,
       CASE WHEN bool_and(kind = 'observed') THEN 'contradicted'
            WHEN bool_and(kind = 'tacit') THEN 'rarely stated'
            ELSE 'rarely asked for' END AS shortfall,
       bool_and(subject LIKE 'degree:%' OR subject LIKE 'degree_field:%') AS degree_claim
FROM stg_claim_subject_kinds GROUP BY claim_id;

-- Windows: the 1, 4 and 13 weeks ending with each week.
CREATE OR REPLACE VIEW stg_claim_windows AS
WITH weeks AS (SELECT DISTINCT week FROM stg_claim_jobs)
SELECT w.week, s.span, jw.week AS job_week
FROM weeks AS w
CROSS JOIN (VALUES (1), (4), (13)) AS s(span)
JOIN weeks AS jw ON jw.week <= w.week AND jw.week > w.week - 7 * s.span;

-- Every population a claim or a comparison group is tested on.
CREATE OR REPLACE VIEW stg_claim_populations AS
SELECT DISTINCT pop::VARCHAR AS pop_key, pop FROM (
    SELECT population AS pop FROM ref_claims WHERE test_kind NOT IN ('untestable', 'trend', 'compare_groups')
    UNION ALL SELECT group_a FROM ref_claims WHERE test_kind = 'compare_groups'
    UNION ALL SELECT group_b FROM ref_claims WHERE test_kind = 'compare_groups'
);

-- Each population's jobs in each window, each job once (its latest week in the window).
CREATE OR REPLACE VIEW stg_claim_window_jobs AS
SELECT p.pop_key, w.week, w.span, j.week AS job_week, j.canonical_id, j.employer, j.states_degree,
       j.salary_usd, j.years_min, j.posting_id
FROM stg_claim_populations AS p
CROSS JOIN stg_claim_windows AS w
JOIN stg_claim_jobs AS j ON j.week = w.job_week
 AND in_population(p.pop, j.role_family, j.seniority, j.country, j.state, j.remote)
QUALIFY row_number() OVER (PARTITION BY p.pop_key, w.week, w.span, j.canonical_id ORDER BY j.week DESC) = 1;

-- The window each population is tested on in each week: one week when it has 30 jobs, else 4, else 13.
CREATE OR REPLACE VIEW stg_claim_population_spans AS
WITH counts AS (SELECT pop_key, week, span, count(*) AS n FROM stg_claim_window_jobs GROUP BY ALL)
SELECT pop_key, week, coalesce(min(span) FILTER (WHERE n >= 30), 13) AS span FROM counts GROUP BY ALL;

-- The jobs each share or paired-comparison claim is tested on (and, for examples, a figure claim's
-- population and a group comparison's first group).
CREATE OR REPLACE VIEW stg_claim_segment_jobs AS
SELECT c.claim_id, wj.*
FROM ref_claims AS c
JOIN stg_claim_population_spans AS ps
  ON ps.pop_key = CASE WHEN c.test_kind = 'compare_groups' THEN c.group_a ELSE c.population END::VARCHAR
JOIN stg_claim_window_jobs AS wj ON wj.pop_key = ps.pop_key AND wj.week = ps.week AND wj.span = ps.span
WHERE c.test_kind IN ('share_any', 'share_each', 'compare', 'median', 'compare_groups');

-- Share claims: per claim, week and item (the claim for an any-of test, each subject for an `each`
-- test), whether each job has it. Degree claims count only the jobs that state a degree requirement.
CREATE OR REPLACE VIEW stg_claim_share_jobs AS
WITH items AS (
    SELECT c.claim_id, CASE WHEN c.test_kind = 'share_each' THEN s.subject ELSE '*' END AS item, s.subject, c.required_only
    FROM ref_claims AS c, unnest(c.subjects) AS s(subject)
    WHERE c.test_kind IN ('share_any', 'share_each')
)
SELECT sj.claim_id, sj.week, sj.span, i.item, sj.canonical_id, sj.employer,
       bool_or(js.subject IS NOT NULL AND (js.required OR NOT i.required_only)) AS hit
FROM stg_claim_segment_jobs AS sj
JOIN items AS i USING (claim_id)
JOIN stg_claim_shortfall AS f USING (claim_id)
LEFT JOIN stg_claim_job_subjects AS js
    ON js.week = sj.job_week AND js.canonical_id = sj.canonical_id AND js.subject = i.subject
WHERE sj.states_degree OR NOT f.degree_claim
GROUP BY ALL;

-- Paired comparisons share(a) > share(b): whether each job names a and b.
CREATE OR REPLACE VIEW stg_claim_compare_jobs AS
SELECT sj.claim_id, sj.week, sj.span, sj.employer, sj.canonical_id,
       coalesce(bool_or(js.subject = c.compare_a), false) AS has_a, coalesce(bool_or(js.subject = c.compare_b), false) AS has_b
FROM stg_claim_segment_jobs AS sj
JOIN ref_claims AS c ON c.claim_id = sj.claim_id AND c.test_kind = 'compare'
LEFT JOIN stg_claim_job_subjects AS js ON js.week = sj.job_week AND js.canonical_id = sj.canonical_id
     AND js.subject IN (c.compare_a, c.compare_b)
GROUP BY ALL;

-- Group comparisons: each group's jobs (any of the claim's subjects counts), in the shortest window in
-- which both groups have 30 jobs.
CREATE OR REPLACE VIEW stg_claim_group_jobs AS
WITH group_counts AS (
    SELECT c.claim_id, wa.week, wa.span, count(DISTINCT wa.canonical_id) AS n_a,
           (SELECT count(*) FROM stg_claim_window_jobs AS wb
            WHERE wb.pop_key = c.group_b::VARCHAR AND wb.week = wa.week AND wb.span = wa.span) AS n_b
    FROM ref_claims AS c
    JOIN stg_claim_window_jobs AS wa ON wa.pop_key = c.group_a::VARCHAR
    WHERE c.test_kind = 'compare_groups'
    GROUP BY ALL
),
spans AS (
    SELECT claim_id, week, coalesce(min(span) FILTER (WHERE n_a >= 30 AND n_b >= 30), 13) AS span
    FROM group_counts GROUP BY ALL
)
SELECT s.claim_id, s.week, s.span, g.side, wj.employer, wj.canonical_id, bool_or(js.subject IS NOT NULL) AS hit
FROM spans AS s
JOIN ref_claims AS c USING (claim_id)
CROSS JOIN (VALUES ('a'), ('b')) AS g(side)
JOIN stg_claim_window_jobs AS wj ON wj.week = s.week AND wj.span = s.span
 AND wj.pop_key = CASE g.side WHEN 'a' THEN c.group_a::VARCHAR ELSE c.group_b::VARCHAR END
LEFT JOIN stg_claim_job_subjects AS js ON js.week = wj.job_week AND js.canonical_id = wj.canonical_id
     AND list_contains(c.subjects, js.subject)
GROUP BY ALL;

-- Trends: Hacker News "Who is hiring?" ML-role postings in the claim's population, the 12 thread months
-- up to the week (side a) against the 12 before (side b); each posting once (HN comments are not
-- deduplicated into jobs across months: a repost is a new month's demand).
CREATE OR REPLACE VIEW stg_claim_trend_posts AS
WITH weeks AS (SELECT DISTINCT week FROM stg_claim_jobs),
hn AS (
    SELECT p.posting_id, p.content_hash, p.period_month, coalesce(lower(trim(p.company)), 'post:' || p.posting_id) AS employer,
           p.role_family, p.seniority, p.country, p.state, p.remote
    FROM postings AS p WHERE p.source = 'hn' AND p.is_ml_role AND p.period_month IS NOT NULL
)
SELECT w.week, c.claim_id, CASE WHEN hn.period_month > w.week - INTERVAL 12 MONTH THEN 'a' ELSE 'b' END AS side,
       hn.posting_id, hn.employer,
       EXISTS (SELECT 1 FROM stg_current_mentions AS m JOIN stg_skill_ancestors AS s ON s.skill = m.skill
               WHERE m.content_hash = hn.content_hash AND list_contains(c.subjects, s.ancestor)) AS hit
FROM weeks AS w
CROSS JOIN ref_claims AS c
JOIN hn ON hn.period_month <= w.week AND hn.period_month > w.week - INTERVAL 24 MONTH
 AND in_population(c.population, hn.role_family, hn.seniority, hn.country, hn.state, hn.remote)
WHERE c.test_kind = 'trend';

-- Every share the scorecard tests, job by job (claim_id, week, span, unit, employer, hit), one view per
-- kind so that each results view reads only its own: an item of a share claim (the claim, or each subject
-- of an `each` claim); for a paired comparison the jobs naming exactly one side ('*', a hit names a) and
-- each side over all jobs ('a', 'b'); a side of a group comparison or of a trend ('a', 'b').
CREATE OR REPLACE VIEW stg_claim_share_units AS
SELECT claim_id, week, span, item AS unit, employer, hit FROM stg_claim_share_jobs;

CREATE OR REPLACE VIEW stg_claim_compare_units AS
SELECT claim_id, week, span, u.unit, employer, CASE u.unit WHEN 'b' THEN has_b ELSE has_a END AS hit
FROM stg_claim_compare_jobs CROSS JOIN (VALUES ('*'), ('a'), ('b')) AS u(unit)
WHERE u.unit <> '*' OR has_a <> has_b;

CREATE OR REPLACE VIEW stg_claim_side_units AS
SELECT claim_id, week, span, side AS unit, employer, hit FROM stg_claim_group_jobs
UNION ALL SELECT claim_id, week, NULL, side, employer, hit FROM stg_claim_trend_posts;

-- The one place shares are counted, over one of the views above: per claim, week and unit, the share
-- k/n, its employer-clustered Wilson interval (n and k divided by the design effect) and the
-- each-employer-once share (the mean of the employers' shares, Wilson on the number of employers).
CREATE OR REPLACE MACRO clustered_shares(units) AS TABLE
WITH clusters AS (
    SELECT claim_id, week, unit, any_value(span) AS span, employer, count(*) AS n_c, count(*) FILTER (WHERE hit) AS k_c
    FROM query_table(units) GROUP BY claim_id, week, unit, employer
),
totals AS (
    SELECT claim_id, week, unit, any_value(span) AS span, sum(n_c) AS n, sum(k_c) AS k, count(*) AS m,
           avg(k_c / n_c) AS weighted,
           -- the sum over employers of (k_c - p n_c)^2, expanded so that one pass suffices
           sum(k_c * k_c) - 2 * sum(k_c) / sum(n_c) * sum(k_c * n_c) + (sum(k_c) / sum(n_c)) ^ 2 * sum(n_c * n_c) AS ss
    FROM clusters GROUP BY claim_id, week, unit
),
stats AS (
    SELECT *, design_effect(n, k, m, greatest(ss, 0)) AS deff FROM totals
)
SELECT claim_id, week, span, unit, n::BIGINT AS n, k::BIGINT AS k, m AS n_employers, k / n AS share, deff,
       wilson_low(k / deff, n / deff) AS ci_low, wilson_high(k / deff, n / deff) AS ci_high,
       weighted, wilson_low(weighted * m, m) AS weighted_low, wilson_high(weighted * m, m) AS weighted_high
FROM stats;

-- Share claims, per item.
CREATE OR REPLACE VIEW claim_subject_shares AS
SELECT s.claim_id, s.week, s.span, s.unit AS item, s.n, s.k, s.n_employers, s.share, s.deff, s.ci_low, s.ci_high,
       s.weighted, s.weighted_low, s.weighted_high
FROM clustered_shares('stg_claim_share_units') AS s;

-- Share verdicts: '>=' claims fall short to the claim's shortfall class; '<=' claims are contradicted
-- when the interval lies above the bar.
CREATE OR REPLACE MACRO share_verdict(lo, hi, op, bar, shortfall) AS CASE
    WHEN op = '>=' THEN CASE WHEN lo >= bar THEN 'supported' WHEN hi < bar THEN shortfall ELSE 'partly supported' END
    ELSE CASE WHEN hi <= bar THEN 'supported' WHEN lo > bar THEN 'contradicted' ELSE 'partly supported' END END;
-- The worse of failing verdicts: direct counter-evidence first.
CREATE OR REPLACE MACRO verdict_severity(v) AS
    CASE v WHEN 'contradicted' THEN 3 WHEN 'rarely asked for' THEN 2 WHEN 'rarely stated' THEN 1 ELSE 0 END;

CREATE OR REPLACE VIEW stg_claim_share_results AS
WITH judged AS (
    SELECT s.*, c.test_kind, c.test_op, c.threshold,
           CASE WHEN c.test_kind = 'share_each' THEN coalesce(k.kind, 'listable') END AS item_kind,
           f.shortfall AS claim_shortfall
    FROM claim_subject_shares AS s
    JOIN ref_claims AS c USING (claim_id)
    JOIN stg_claim_shortfall AS f USING (claim_id)
    LEFT JOIN stg_claim_subject_kinds AS k ON k.claim_id = s.claim_id AND k.subject = s.item
),
verdicts AS (
    SELECT *,
           share_verdict(ci_low, ci_high, test_op, threshold, CASE item_kind WHEN 'observed' THEN 'contradicted'
               WHEN 'tacit' THEN 'rarely stated' WHEN 'listable' THEN 'rarely asked for' ELSE claim_shortfall END) AS item_verdict,
           share_verdict(weighted_low, weighted_high, test_op, threshold, CASE item_kind WHEN 'observed' THEN 'contradicted'
               WHEN 'tacit' THEN 'rarely stated' WHEN 'listable' THEN 'rarely asked for' ELSE claim_shortfall END) AS item_weighted_verdict,
           -- a score test against the bar, with the clustered variance
           (share - threshold) / sqrt(threshold * (1 - threshold) * deff / n) AS z
    FROM judged
),
per_claim AS (
    SELECT week, claim_id, any_value(test_kind) AS test_kind, max(n) AS n, count(*) AS n_items,
           count(*) FILTER (WHERE item_verdict = 'supported') AS n_supported,
           count(*) FILTER (WHERE item_weighted_verdict = 'supported') AS n_weighted_supported,
           -- the item that decides an `each` claim: the worst failing one, else the smallest share
           arg_max(item, verdict_severity(item_verdict) * 10 - share) AS decisive,
           arg_max(item_verdict, verdict_severity(item_verdict)) AS worst,
           arg_max(item_weighted_verdict, verdict_severity(item_weighted_verdict)) AS weighted_worst,
           string_agg(printf('%s %.1f%%', item, 100 * share), ', ' ORDER BY share DESC) AS shares_shown
    FROM verdicts GROUP BY week, claim_id
)
SELECT p.week, p.claim_id, v.span, p.n, v.share AS observed, v.ci_low, v.ci_high, v.n_employers, v.deff,
       CASE WHEN p.n < 30 THEN 'not testable yet'
            WHEN p.test_kind = 'share_any' THEN v.item_verdict
            WHEN p.n_supported = p.n_items THEN 'supported'
            WHEN verdict_severity(p.worst) > 0 THEN p.worst
            ELSE 'partly supported' END AS verdict,
       v.weighted, v.weighted_low, v.weighted_high,
       CASE WHEN p.n < 30 THEN 'not testable yet'
            WHEN p.test_kind = 'share_any' THEN v.item_weighted_verdict
            WHEN p.n_weighted_supported = p.n_items THEN 'supported'
            WHEN verdict_severity(p.weighted_worst) > 0 THEN p.weighted_worst
            ELSE 'partly supported' END AS weighted_verdict,
       CASE WHEN v.threshold IN (0, 1) THEN NULL ELSE p_two_sided(v.z) END AS p_value,
       CASE WHEN p.test_kind = 'share_each'
            THEN printf('%s of %d%s jobs; the weakest, %s, decides', p.shares_shown, p.n,
                        CASE WHEN f.degree_claim THEN ' degree-stating' ELSE '' END, p.decisive)
            ELSE printf('%s %s %.1f%% of %d%s jobs (%d employers)',
                        CASE WHEN len(c.subjects) <= 3 THEN array_to_string(c.subjects, ' or ')
                             ELSE printf('any of %d (%s, …)', len(c.subjects), array_to_string(c.subjects[1:3], ', ')) END,
                        CASE WHEN c.required_only THEN 'required by' ELSE 'named by' END, 100 * v.share, p.n,
                        CASE WHEN f.degree_claim THEN ' degree-stating' ELSE '' END, v.n_employers) END AS explanation
FROM per_claim AS p
JOIN verdicts AS v ON v.week = p.week AND v.claim_id = p.claim_id AND v.item = CASE WHEN p.test_kind = 'share_any' THEN '*' ELSE p.decisive END
JOIN ref_claims AS c ON c.claim_id = p.claim_id
JOIN stg_claim_shortfall AS f ON f.claim_id = p.claim_id;

-- Paired comparisons: the jobs are the same, so the test is on the jobs that name exactly one of the
-- two: a share of them above one half means a is asked for more.
CREATE OR REPLACE VIEW stg_claim_compare_results AS
WITH units AS (
    SELECT claim_id, week, any_value(span) AS span,
           any_value(n) FILTER (WHERE unit = 'a') AS n_jobs, any_value(k) FILTER (WHERE unit = 'a') AS k_a,
           any_value(k) FILTER (WHERE unit = 'b') AS k_b,
           coalesce(any_value(n) FILTER (WHERE unit = '*'), 0) AS n, coalesce(any_value(k) FILTER (WHERE unit = '*'), 0) AS k,
           any_value(share) FILTER (WHERE unit = '*') AS share, any_value(ci_low) FILTER (WHERE unit = '*') AS ci_low,
           any_value(ci_high) FILTER (WHERE unit = '*') AS ci_high, any_value(n_employers) FILTER (WHERE unit = '*') AS n_employers,
           any_value(deff) FILTER (WHERE unit = '*') AS deff, any_value(weighted) FILTER (WHERE unit = '*') AS weighted,
           any_value(weighted_low) FILTER (WHERE unit = '*') AS weighted_low,
           any_value(weighted_high) FILTER (WHERE unit = '*') AS weighted_high
    FROM clustered_shares('stg_claim_compare_units') GROUP BY claim_id, week
)
SELECT s.week, s.claim_id, s.span, s.n, s.share AS observed, s.ci_low, s.ci_high, s.n_employers, s.deff,
       CASE WHEN s.n < 10 OR s.n_jobs < 30 THEN 'not testable yet'
            ELSE share_verdict(s.ci_low, s.ci_high, '>=', 0.5, 'contradicted') END AS verdict,
       s.weighted, s.weighted_low, s.weighted_high,
       CASE WHEN s.n < 10 OR s.n_jobs < 30 THEN 'not testable yet'
            ELSE share_verdict(s.weighted_low, s.weighted_high, '>=', 0.5, 'contradicted') END AS weighted_verdict,
       p_two_sided((s.share - 0.5) / sqrt(0.25 * s.deff / s.n)) AS p_value,
       printf('%s %.1f%% vs %s %.1f%% of %d jobs; of the %d naming only one, %d name %s',
              c.compare_a, 100 * s.k_a / s.n_jobs, c.compare_b, 100 * s.k_b / s.n_jobs, s.n_jobs, s.n, s.k, c.compare_a) AS explanation
FROM units AS s JOIN ref_claims AS c USING (claim_id);

-- Differences of two shares: group comparisons (group a minus group b, expected above 0) and trends (the
-- last 12 months minus the 12 before; expected above 0 when rising, below when falling), with Newcombe's
-- interval from the two clustered Wilson intervals; 30 jobs (postings) needed on each side.
CREATE OR REPLACE VIEW stg_claim_difference_results AS
WITH sides AS (
    -- both sides in one row, from one pass over the statistics
    SELECT c.test_kind, s.claim_id, s.week, any_value(s.span) AS span,
           any_value(n) FILTER (WHERE unit = 'a') AS n_a, any_value(n) FILTER (WHERE unit = 'b') AS n_b,
           any_value(k) FILTER (WHERE unit = 'a') AS k_a, any_value(k) FILTER (WHERE unit = 'b') AS k_b,
           any_value(n_employers) FILTER (WHERE unit = 'a') AS m_a, any_value(n_employers) FILTER (WHERE unit = 'b') AS m_b,
           any_value(share) FILTER (WHERE unit = 'a') AS p_a, any_value(share) FILTER (WHERE unit = 'b') AS p_b,
           any_value(ci_low) FILTER (WHERE unit = 'a') AS lo_a, any_value(ci_low) FILTER (WHERE unit = 'b') AS lo_b,
           any_value(ci_high) FILTER (WHERE unit = 'a') AS hi_a, any_value(ci_high) FILTER (WHERE unit = 'b') AS hi_b,
           any_value(weighted) FILTER (WHERE unit = 'a') AS w_a, any_value(weighted) FILTER (WHERE unit = 'b') AS w_b,
           any_value(weighted_low) FILTER (WHERE unit = 'a') AS wlo_a, any_value(weighted_low) FILTER (WHERE unit = 'b') AS wlo_b,
           any_value(weighted_high) FILTER (WHERE unit = 'a') AS whi_a, any_value(weighted_high) FILTER (WHERE unit = 'b') AS whi_b,
           any_value(deff) FILTER (WHERE unit = 'a') AS deff_a, any_value(deff) FILTER (WHERE unit = 'b') AS deff_b
    FROM clustered_shares('stg_claim_side_units') AS s JOIN ref_claims AS c USING (claim_id) GROUP BY c.test_kind, s.claim_id, s.week
),
frame AS (
    -- a group comparison where both groups have jobs; a trend every week
    SELECT claim_id, week, span FROM sides WHERE test_kind = 'compare_groups' AND n_a IS NOT NULL AND n_b IS NOT NULL
    UNION ALL
    SELECT c.claim_id, w.week, NULL FROM ref_claims AS c CROSS JOIN (SELECT DISTINCT week FROM stg_claim_jobs) AS w
    WHERE c.test_kind = 'trend'
),
paired AS (
    SELECT f.claim_id, f.week, f.span, c.test_kind, c.compare_a, c.compare_b,
           CASE c.test_op WHEN 'falling' THEN -1 ELSE 1 END AS sign,
           coalesce(s.n_a, 0) AS n_a, coalesce(s.n_b, 0) AS n_b, coalesce(s.m_a, 0) + coalesce(s.m_b, 0) AS n_employers,
           s.p_a, s.p_b, s.p_a - s.p_b AS diff,
           newcombe_low(s.p_a, s.lo_a, s.hi_a, s.p_b, s.lo_b, s.hi_b) AS ci_low,
           newcombe_high(s.p_a, s.lo_a, s.hi_a, s.p_b, s.lo_b, s.hi_b) AS ci_high,
           s.w_a - s.w_b AS weighted,
           newcombe_low(s.w_a, s.wlo_a, s.whi_a, s.w_b, s.wlo_b, s.whi_b) AS weighted_low,
           newcombe_high(s.w_a, s.wlo_a, s.whi_a, s.w_b, s.wlo_b, s.whi_b) AS weighted_high,
           (s.k_a + s.k_b) / (s.n_a + s.n_b) AS pooled, s.deff_a, s.deff_b,
           (s.deff_a * s.n_a + s.deff_b * s.n_b) / (s.n_a + s.n_b) AS deff
    FROM frame AS f
    JOIN ref_claims AS c USING (claim_id)
    LEFT JOIN sides AS s ON s.claim_id = f.claim_id AND s.week = f.week
)
SELECT week, claim_id, span, (n_a + n_b)::BIGINT AS n, diff AS observed, ci_low, ci_high, n_employers, deff,
       CASE WHEN n_a < 30 OR n_b < 30 THEN 'not testable yet'
            WHEN (sign = 1 AND ci_low > 0) OR (sign = -1 AND ci_high < 0) THEN 'supported'
            WHEN (sign = 1 AND ci_high < 0) OR (sign = -1 AND ci_low > 0) THEN 'contradicted'
            ELSE 'partly supported' END AS verdict,
       weighted, weighted_low, weighted_high,
       CASE WHEN n_a < 30 OR n_b < 30 THEN 'not testable yet'
            WHEN (sign = 1 AND weighted_low > 0) OR (sign = -1 AND weighted_high < 0) THEN 'supported'
            WHEN (sign = 1 AND weighted_high < 0) OR (sign = -1 AND weighted_low > 0) THEN 'contradicted'
            ELSE 'partly supported' END AS weighted_verdict,
       CASE WHEN pooled IS NULL OR pooled IN (0, 1) THEN NULL
            ELSE p_two_sided(diff / sqrt(pooled * (1 - pooled) * (deff_a / n_a + deff_b / n_b))) END AS p_value,
       CASE WHEN test_kind = 'compare_groups'
            THEN printf('%.1f%% of %d jobs in %s vs %.1f%% of %d in %s: a difference of %+.1f points',
                        100 * p_a, n_a::BIGINT, compare_a, 100 * p_b, n_b::BIGINT, compare_b, 100 * diff)
            WHEN n_a < 30 OR n_b < 30
            THEN printf('%d Hacker News postings in the last 12 months and %d in the 12 before: 30 each are needed',
                        n_a::BIGINT, n_b::BIGINT)
            ELSE printf('%.1f%% of %d Hacker News postings in the last 12 months vs %.1f%% of %d in the 12 before',
                        100 * p_a, n_a::BIGINT, 100 * p_b, n_b::BIGINT) END AS explanation
FROM paired;

-- Figures (median salary or years). Employers cluster, so the verdict is on each employer's median once:
-- the median of the employers' medians, with the distribution-free order-statistics interval over
-- employers (ranks m/2 ± 0.98·√m). The job-level median and its interval are the twin
-- (weighted_* here means each job once). Window: the shortest with 30 stated values. Fewer than 6
-- employers is not testable yet: with 5, even [min, max] covers the median only 94 % of the time.
CREATE OR REPLACE VIEW stg_claim_median_results AS
WITH claim_values AS (
    SELECT c.claim_id, wj.week, wj.span, wj.employer,
           CASE c.subjects[1] WHEN 'salary' THEN wj.salary_usd WHEN 'years' THEN wj.years_min END AS value
    FROM ref_claims AS c
    JOIN stg_claim_window_jobs AS wj ON wj.pop_key = c.population::VARCHAR
    WHERE c.test_kind = 'median'
),
window_counts AS (
    SELECT claim_id, week, span, count(value) AS n_values, count(*) AS n_jobs FROM claim_values GROUP BY ALL
),
spans AS (
    SELECT claim_id, week, coalesce(min(span) FILTER (WHERE n_values >= 30), 13) AS span FROM window_counts GROUP BY ALL
),
chosen AS (
    SELECT v.* FROM claim_values AS v JOIN spans USING (claim_id, week, span)
),
by_employer AS (
    SELECT claim_id, week, span, employer, median(value) AS value FROM chosen WHERE value IS NOT NULL GROUP BY ALL
),
lists AS (
    SELECT s.claim_id, s.week, s.span, w.n_jobs,
           coalesce((SELECT list_sort(list(value)) FROM chosen AS c WHERE c.claim_id = s.claim_id AND c.week = s.week AND c.value IS NOT NULL), []) AS v,
           coalesce((SELECT list_sort(list(value)) FROM by_employer AS e WHERE e.claim_id = s.claim_id AND e.week = s.week), []) AS e
    FROM spans AS s JOIN window_counts AS w USING (claim_id, week, span)
),
bounds AS (
    SELECT *, len(v) AS n, len(e) AS m,
           greatest(1, floor(len(e) / 2 - 0.98 * sqrt(len(e))))::INTEGER AS e_lo, least(len(e), ceil(len(e) / 2 + 1 + 0.98 * sqrt(len(e))))::INTEGER AS e_hi,
           greatest(1, floor(len(v) / 2 - 0.98 * sqrt(len(v))))::INTEGER AS v_lo, least(len(v), ceil(len(v) / 2 + 1 + 0.98 * sqrt(len(v))))::INTEGER AS v_hi
    FROM lists
),
judged AS (
    SELECT b.*, c.figure_low, c.figure_high, c.subjects[1] AS subject, list_median(b.e) AS observed, b.e[b.e_lo] AS ci_low, b.e[b.e_hi] AS ci_high,
           list_median(b.v) AS weighted, b.v[b.v_lo] AS weighted_low, b.v[b.v_hi] AS weighted_high
    FROM bounds AS b JOIN ref_claims AS c USING (claim_id)
)
SELECT week, claim_id, span, n::BIGINT AS n, observed, ci_low, ci_high, m AS n_employers, NULL::DOUBLE AS deff,
       CASE WHEN n < 30 OR m < 6 THEN 'not testable yet'
            ELSE band_verdict(ci_low, ci_high, figure_low, figure_high) END AS verdict,
       weighted, weighted_low, weighted_high,
       CASE WHEN n < 30 THEN 'not testable yet'
            ELSE band_verdict(weighted_low, weighted_high, figure_low, figure_high) END AS weighted_verdict,
       -- distance from the median to the nearest edge of the band, over the interval's standard error
       CASE WHEN n < 30 OR m < 6 OR ci_high = ci_low THEN NULL
            ELSE p_two_sided(least(abs(observed - coalesce(figure_low, -1e300)), abs(coalesce(figure_high, 1e300) - observed))
                             / ((ci_high - ci_low) / (2 * 1.959964))) END AS p_value,
       CASE WHEN n = 0 THEN printf('no job in the segment states its %s (%d jobs)', subject, n_jobs::BIGINT)
            ELSE printf('median %s %s over %d employers (each employer''s median once); %s over the %d jobs stating it',
                        subject, CASE WHEN subject = 'salary' THEN printf('$%,.0f', observed) ELSE printf('%.1f', observed) END, m,
                        CASE WHEN subject = 'salary' THEN printf('$%,.0f', weighted) ELSE printf('%.1f', weighted) END, n::BIGINT) END AS explanation
FROM judged;

-- One row per claim and week with ML-role jobs. p_value: two-sided, against the nearest edge of the
-- expectation (every tested claim, whatever its verdict); q_value: Benjamini–Hochberg over the week's
-- p-values; could_be_chance: a decisive verdict whose q-value is above 0.05.
CREATE OR REPLACE VIEW claim_scorecard_weekly AS
WITH weeks AS (SELECT DISTINCT week FROM stg_claim_jobs),
results AS (
    SELECT * FROM stg_claim_share_results
    UNION ALL BY NAME SELECT * FROM stg_claim_compare_results
    UNION ALL BY NAME SELECT * FROM stg_claim_difference_results
    UNION ALL BY NAME SELECT * FROM stg_claim_median_results
),
scored AS (
    SELECT w.week, c.claim_id, c.doc, c.topic, c.stance, c.subjects,
           CASE WHEN c.test_kind = 'untestable' THEN 'untestable'
                WHEN r.claim_id IS NULL OR r.verdict IS NULL THEN 'not testable yet'
                ELSE r.verdict END AS verdict,
           r.observed,
           CASE c.test_kind
               WHEN 'share_any' THEN printf('share %s %.2f%s', c.test_op, c.threshold, CASE WHEN c.required_only THEN ' (required)' ELSE '' END)
               WHEN 'share_each' THEN printf('each share %s %.2f%s', c.test_op, c.threshold, CASE WHEN c.required_only THEN ' (required)' ELSE '' END)
               WHEN 'compare' THEN printf('more jobs name %s than %s (> 0.5 of those naming one)', c.compare_a, c.compare_b)
               WHEN 'compare_groups' THEN printf('a larger share in %s than in %s (difference > 0)', c.compare_a, c.compare_b)
               WHEN 'trend' THEN printf('share %s (last 12 months minus the 12 before %s 0)', c.test_op, CASE c.test_op WHEN 'rising' THEN '>' ELSE '<' END)
               WHEN 'median' THEN CASE
                   WHEN c.figure_low IS NOT NULL AND c.figure_high IS NOT NULL THEN printf('median %,.0f to %,.0f', c.figure_low, c.figure_high)
                   WHEN c.figure_low IS NOT NULL THEN printf('median >= %,.0f', c.figure_low)
                   ELSE printf('median <= %,.0f', c.figure_high) END
           END AS expected,
           coalesce(r.n, 0) AS n, r.ci_low, r.ci_high, coalesce(c.segment, 'ML-engineer roles') AS segment,
           CASE WHEN c.test_kind = 'untestable' THEN c.reason
                WHEN r.claim_id IS NULL THEN 'no ML-role jobs in the segment in 13 weeks'
                ELSE r.explanation END AS explanation,
           c.test_kind, c.test, c.quote, c.point_id,
           CASE WHEN c.test_kind = 'trend' THEN NULL ELSE coalesce(r.span, CASE WHEN c.test_kind <> 'untestable' THEN 13 END) END AS weeks_pooled,
           r.n_employers, r.deff AS design_effect, r.weighted AS weighted_observed, r.weighted_low AS weighted_ci_low,
           r.weighted_high AS weighted_ci_high,
           CASE WHEN c.test_kind = 'untestable' THEN 'untestable' ELSE coalesce(r.weighted_verdict, 'not testable yet') END AS weighted_verdict,
           CASE WHEN r.verdict <> 'not testable yet' THEN r.p_value END AS p_value
    FROM weeks AS w
    CROSS JOIN ref_claims AS c
    LEFT JOIN results AS r ON r.week = w.week AND r.claim_id = c.claim_id
),
ranked AS (
    SELECT *, count(p_value) OVER (PARTITION BY week) AS n_tests,
           row_number() OVER (PARTITION BY week ORDER BY p_value NULLS LAST, claim_id) AS p_rank
    FROM scored
)
SELECT * EXCLUDE (n_tests, p_rank),
       verdict <> weighted_verdict AS verdict_flips,
       CASE WHEN p_value IS NOT NULL THEN least(1, min(p_value * n_tests / p_rank) OVER (
           PARTITION BY week ORDER BY p_value DESC NULLS FIRST, claim_id DESC ROWS UNBOUNDED PRECEDING)) END AS q_value,
       verdict IN ('supported', 'contradicted', 'rarely asked for', 'rarely stated') AND p_value IS NOT NULL
           AND least(1, min(p_value * n_tests / p_rank) OVER (
               PARTITION BY week ORDER BY p_value DESC NULLS FIRST, claim_id DESC ROWS UNBOUNDED PRECEDING)) > 0.05 AS could_be_chance
FROM ranked;

CREATE OR REPLACE VIEW claim_scorecard AS
SELECT * FROM claim_scorecard_weekly WHERE week = (SELECT max(week) FROM stg_claim_jobs);

-- A guide's points (claims from one sentence or list share a point): the claims' verdict when they
-- agree, else 'partly supported'. Headline counts count points.
CREATE OR REPLACE VIEW claim_points_weekly AS
SELECT week, doc, point_id, count(*) AS n_claims, list(claim_id ORDER BY claim_id) AS claim_ids,
       CASE WHEN count(DISTINCT verdict) = 1 THEN any_value(verdict)
            WHEN bool_and(verdict IN ('not testable yet', 'untestable')) THEN 'not testable yet'
            ELSE 'partly supported' END AS verdict,
       any_value(quote) AS quote
FROM claim_scorecard_weekly GROUP BY week, doc, point_id;

CREATE OR REPLACE VIEW claim_points AS
SELECT * FROM claim_points_weekly WHERE week = (SELECT max(week) FROM stg_claim_jobs);

-- Each share claim's observed share in every ML role family (the latest week, counted as the claim
-- counts: requirements only for non-negotiable, essential and not-needed claims): the other role
-- families as segments of the claim.
CREATE OR REPLACE VIEW claim_scorecard_by_role AS
WITH latest AS (SELECT * FROM stg_claim_jobs WHERE week = (SELECT max(week) FROM stg_claim_jobs)),
hits AS (
    SELECT c.claim_id, j.role_family, j.canonical_id, bool_or(js.subject IS NOT NULL) AS hit
    FROM ref_claims AS c
    CROSS JOIN latest AS j
    LEFT JOIN stg_claim_job_subjects AS js ON js.week = j.week AND js.canonical_id = j.canonical_id
         AND list_contains(c.subjects, js.subject) AND (js.required OR NOT c.required_only)
    WHERE c.test_kind IN ('share_any', 'share_each')
    GROUP BY ALL
)
SELECT claim_id, role_family, count(*) AS n, count(*) FILTER (WHERE hit) AS k, count(*) FILTER (WHERE hit) / count(*) AS share
FROM hits GROUP BY ALL ORDER BY claim_id, role_family;

-- How strongly each guide stresses each skill: the strongest stance among its claims naming it
-- (non-negotiable 5, essential 4, important 3, recommended 2, optional 1, not-needed 0; the favoured
-- side of a comparison 3, the other 1; a skill named but not graded, or only in a group comparison or a
-- trend, 1), plus ln(1 + times the guide names it).
CREATE OR REPLACE VIEW guide_skill_emphasis AS
WITH graded AS (
    SELECT doc, unnest(subjects) AS skill,
           CASE stance WHEN 'non-negotiable' THEN 5 WHEN 'essential' THEN 4 WHEN 'important' THEN 3 WHEN 'recommended' THEN 2
                       WHEN 'optional' THEN 1 WHEN 'not-needed' THEN 0 END AS weight
    FROM ref_claims WHERE test_kind IN ('share_any', 'share_each')
    UNION ALL SELECT doc, compare_a, 3 FROM ref_claims WHERE test_kind = 'compare'
    UNION ALL SELECT doc, compare_b, 1 FROM ref_claims WHERE test_kind = 'compare'
    UNION ALL SELECT doc, unnest(subjects), 1 FROM ref_claims WHERE test_kind IN ('compare_groups', 'trend')
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
-- Skills that define the population (ref_skills.defines_population) are left out: every ML job names them.
CREATE OR REPLACE VIEW guide_alignment_weekly AS
WITH demand AS (
    SELECT d.week, d.skill, d.share, rank() OVER (PARTITION BY d.week ORDER BY d.share DESC, d.skill) AS demand_rank
    FROM skill_demand_weekly AS d JOIN ref_skills AS r USING (skill) WHERE NOT coalesce(r.defines_population, false)
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
    SELECT week, doc, count(*) AS n_points,
           count(*) FILTER (WHERE verdict = 'supported') AS n_supported,
           count(*) FILTER (WHERE verdict = 'partly supported') AS n_partly_supported,
           count(*) FILTER (WHERE verdict = 'contradicted') AS n_contradicted,
           count(*) FILTER (WHERE verdict = 'rarely asked for') AS n_rarely_asked_for,
           count(*) FILTER (WHERE verdict = 'rarely stated') AS n_rarely_stated,
           count(*) FILTER (WHERE verdict IN ('not testable yet', 'untestable')) AS n_not_tested
    FROM claim_points_weekly GROUP BY week, doc
)
SELECT c.week, c.doc, g.title, g.site, c.n_skills, c.spearman_rho,
       rank() OVER (PARTITION BY c.week ORDER BY c.spearman_rho DESC NULLS LAST) AS alignment_rank,
       v.n_points, v.n_supported, v.n_partly_supported, v.n_contradicted, v.n_rarely_asked_for, v.n_rarely_stated,
       v.n_not_tested,
       v.n_supported / nullif(v.n_points - v.n_not_tested, 0) AS supported_share
FROM correlation AS c
JOIN ref_guides AS g USING (doc)
LEFT JOIN verdicts AS v ON v.week = c.week AND v.doc = c.doc;

CREATE OR REPLACE VIEW guide_alignment AS
SELECT * FROM guide_alignment_weekly WHERE week = (SELECT max(week) FROM guide_alignment_weekly)
ORDER BY alignment_rank;

-- Per week, the 20 most demanded skills that a guide never names (claims or text); skills that define
-- the population are left out.
CREATE OR REPLACE VIEW guide_blind_spots_weekly AS
WITH demand AS (
    SELECT d.week, d.skill, d.share, d.n_with_skill, rank() OVER (PARTITION BY d.week ORDER BY d.share DESC, d.skill) AS demand_rank
    FROM skill_demand_weekly AS d JOIN ref_skills AS r USING (skill)
    WHERE d.n_with_skill > 0 AND NOT coalesce(r.defines_population, false)
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

-- Skills a guide calls non-negotiable, essential or important that the latest week's postings
-- contradict or rarely ask for. A tacit foundation that postings rarely state is not overstated.
CREATE OR REPLACE VIEW guide_overstated AS
SELECT s.doc, s.claim_id, s.point_id, s.stance, s.subjects, s.verdict, s.expected, s.observed, s.ci_low, s.ci_high, s.n, s.quote
FROM claim_scorecard AS s
WHERE s.stance IN ('non-negotiable', 'essential', 'important') AND s.verdict IN ('contradicted', 'rarely asked for')
ORDER BY s.doc, s.observed, s.claim_id;

-- Where guides disagree on the same subjects, and which side the latest week's postings support.
-- contradiction: the expectations cannot both hold (share >= 0.5 vs share <= 0.1; a > b vs b > a;
-- disjoint figures); strength: both may hold but the guides grade the subject differently.
CREATE OR REPLACE VIEW claim_contradictions_weekly AS
WITH tested AS (
    SELECT s.*, c.test_op, c.compare_a, c.compare_b, list_sort(c.subjects) AS subject_set, c.population,
           CASE WHEN c.test_kind = 'median' THEN c.figure_low WHEN c.test_op = '>=' THEN c.threshold WHEN c.test_op = '<=' THEN 0 END AS exp_lo,
           CASE WHEN c.test_kind = 'median' THEN c.figure_high WHEN c.test_op = '>=' THEN 1 WHEN c.test_op = '<=' THEN c.threshold END AS exp_hi
    FROM claim_scorecard_weekly AS s JOIN ref_claims AS c USING (claim_id)
    WHERE s.test_kind IN ('share_any', 'share_each', 'compare', 'median')
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
     AND a.population::VARCHAR = b.population::VARCHAR
     AND CASE WHEN a.test_kind = 'compare' THEN a.compare_a = b.compare_b AND a.compare_b = b.compare_a
              ELSE a.subject_set = b.subject_set AND (a.exp_lo IS DISTINCT FROM b.exp_lo OR a.exp_hi IS DISTINCT FROM b.exp_hi) END
)
SELECT week, subject_set AS subjects, kind, claim_a, doc_a, stance_a, expected_a, verdict_a,
       claim_b, doc_b, stance_b, expected_b, verdict_b, observed, ci_low, ci_high, n,
       CASE WHEN verdict_a = 'supported' AND verdict_b = 'supported' THEN stronger
            WHEN verdict_a = 'supported' THEN claim_a
            WHEN verdict_b = 'supported' THEN claim_b
            WHEN verdict_severity(verdict_a) > 0 AND verdict_severity(verdict_b) > 0 THEN 'neither'
            ELSE 'unclear' END AS postings_support
FROM pairs;

CREATE OR REPLACE VIEW claim_contradictions AS
SELECT * EXCLUDE (week) FROM claim_contradictions_weekly
WHERE week = (SELECT max(week) FROM claim_contradictions_weekly)
ORDER BY kind, subjects, claim_a, claim_b;
