-- Weekly share of the given skills, every week up to this one.
SELECT d.week, d.skill, s.name, d.n_with_skill, d.n_postings, d.share
FROM skill_demand_weekly AS d
JOIN skills AS s USING (skill)
WHERE d.week <= $week AND list_contains($skills, d.skill)
ORDER BY d.week, s.name;
