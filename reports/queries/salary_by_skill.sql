-- Median annualised USD salary of this week's ML-role jobs with and without each skill, for skills
-- named by at least $min_jobs jobs that state a salary.
WITH ml AS (
    SELECT canonical_id, salary_usd FROM jobs_weekly WHERE week = $week AND is_ml_role AND salary_usd IS NOT NULL
),
has AS (
    SELECT k.skill, ml.canonical_id, ml.salary_usd FROM job_skills_weekly AS k JOIN ml USING (canonical_id)
    WHERE k.week = $week
)
SELECT h.skill, s.name, s.category, count(*) AS n_with, median(h.salary_usd) AS median_with,
       (SELECT count(*) FROM ml) - count(*) AS n_without,
       (SELECT median(ml.salary_usd) FROM ml WHERE ml.canonical_id NOT IN
            (SELECT canonical_id FROM has AS x WHERE x.skill = h.skill)) AS median_without
FROM has AS h JOIN skills AS s USING (skill)
GROUP BY h.skill, s.name, s.category
HAVING count(*) >= $min_jobs
ORDER BY n_with DESC
LIMIT $limit;
