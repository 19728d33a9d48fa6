-- Which of this week's top skills travel together: for each pair of the $top most asked-for skills,
-- the ML-role jobs naming both, and the lift (how much more often than if they were independent).
WITH ml AS (SELECT canonical_id FROM jobs_weekly WHERE week = $week AND is_ml_role),
total AS (SELECT count(*) AS n_postings FROM ml),
top AS (
    SELECT skill FROM skill_demand_weekly WHERE week = $week AND n_with_skill > 0
    ORDER BY share DESC, skill LIMIT $top
),
has AS (
    SELECT k.canonical_id, k.skill FROM job_skills_weekly AS k
    JOIN ml USING (canonical_id) JOIN top USING (skill) WHERE k.week = $week
),
single AS (SELECT skill, count(*) AS n FROM has GROUP BY skill),
pairs AS (
    SELECT a.skill AS skill_a, b.skill AS skill_b, count(*) AS n_both
    FROM has AS a JOIN has AS b ON a.canonical_id = b.canonical_id AND a.skill <> b.skill
    GROUP BY a.skill, b.skill
)
SELECT p.skill_a, sa.name AS name_a, p.skill_b, sb.name AS name_b, p.n_both, na.n AS n_a, nb.n AS n_b,
       t.n_postings, p.n_both * t.n_postings / (na.n * nb.n) AS lift
FROM pairs AS p
CROSS JOIN total AS t
JOIN single AS na ON na.skill = p.skill_a
JOIN single AS nb ON nb.skill = p.skill_b
JOIN skills AS sa ON sa.skill = p.skill_a
JOIN skills AS sb ON sb.skill = p.skill_b
ORDER BY lift DESC, p.n_both DESC, p.skill_a, p.skill_b;
