-- Skills whose share of ML-role jobs changed since the week before, by a two-proportion z-test
-- (pooled). Only skills named by at least $min_jobs jobs over the two weeks, in weeks of at least
-- 30 ML-role jobs each, are tested; a mover is a change with |z| >= 1.96 (p < 0.05, two-sided).
WITH previous AS (SELECT max(week) AS week FROM skill_demand_weekly WHERE week < $week),
pairs AS (
    SELECT c.skill, c.n_with_skill AS k1, c.n_postings AS n1, p.n_with_skill AS k0, p.n_postings AS n0
    FROM skill_demand_weekly AS c
    JOIN skill_demand_weekly AS p ON p.skill = c.skill AND p.week = (SELECT week FROM previous)
    WHERE c.week = $week
),
tested AS (
    SELECT *, k1 / n1 AS share, k0 / n0 AS previous_share, k1 / n1 - k0 / n0 AS change,
           (k1 + k0) / (n1 + n0) AS pooled
    FROM pairs
    WHERE k1 + k0 >= $min_jobs AND n1 >= 30 AND n0 >= 30
)
SELECT t.skill, s.name, s.category, t.k1 AS n_with_skill, t.n1 AS n_postings, t.share,
       t.k0 AS previous_n_with_skill, t.n0 AS previous_n_postings, t.previous_share, t.change,
       t.change / sqrt(t.pooled * (1 - t.pooled) * (1 / t.n1 + 1 / t.n0)) AS z
FROM tested AS t JOIN skills AS s USING (skill)
WHERE t.pooled > 0 AND t.pooled < 1
  AND abs(t.change / sqrt(t.pooled * (1 - t.pooled) * (1 / t.n1 + 1 / t.n0))) >= 1.96
ORDER BY z DESC;
