-- This week's ML-role jobs by role family, seniority, remote and region, with the three skills each
-- segment asks for most (leaving out the skills that define ML jobs: AI, machine learning).
WITH ml AS (SELECT * FROM jobs_weekly WHERE week = $week AND is_ml_role),
cut AS (
    SELECT canonical_id, 'role family' AS dimension, role_family AS segment FROM ml
    UNION ALL SELECT canonical_id, 'seniority', seniority FROM ml
    UNION ALL SELECT canonical_id, 'remote', coalesce(remote, 'unknown') FROM ml
    UNION ALL SELECT canonical_id, 'region', region FROM ml
),
sizes AS (SELECT dimension, segment, count(*) AS n_jobs FROM cut GROUP BY dimension, segment),
skill_counts AS (
    SELECT c.dimension, c.segment, k.skill, count(*) AS n
    FROM cut AS c JOIN job_skills_weekly AS k ON k.canonical_id = c.canonical_id AND k.week = $week
    JOIN skills AS s ON s.skill = k.skill AND NOT coalesce(s.defines_population, false)
    GROUP BY c.dimension, c.segment, k.skill
    QUALIFY row_number() OVER (PARTITION BY c.dimension, c.segment ORDER BY count(*) DESC, k.skill) <= 3
)
SELECT z.dimension, z.segment, z.n_jobs, z.n_jobs / (SELECT count(*) FROM ml) AS share,
       string_agg(sc.skill || ' ' || CAST(round(100 * sc.n / z.n_jobs) AS INTEGER) || '%', ', ' ORDER BY sc.n DESC, sc.skill) AS top_skills
FROM sizes AS z
LEFT JOIN skill_counts AS sc USING (dimension, segment)
GROUP BY z.dimension, z.segment, z.n_jobs
ORDER BY z.dimension, z.n_jobs DESC;
