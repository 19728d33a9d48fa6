-- One example per skill: the line of one of this week's ML-role jobs that names it (its evidence).
SELECT skill, arg_min(company, h) AS company, arg_min(title, h) AS title, arg_min(evidence, h) AS evidence
FROM (
    SELECT ps.skill, j.company, j.title, ps.evidence, hash(j.canonical_id || ps.skill) AS h
    FROM jobs_weekly AS j
    JOIN posting_skills AS ps USING (posting_id)
    WHERE j.week = $week AND j.is_ml_role AND list_contains($skills, ps.skill)
)
GROUP BY skill;
