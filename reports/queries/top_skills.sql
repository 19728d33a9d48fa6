-- Skills by share of this week's ML-role postings.
SELECT d.skill, s.name, s.category, d.n_with_skill, d.n_postings, d.share
FROM skill_demand_weekly AS d
JOIN skills AS s USING (skill)
WHERE d.week = $week AND d.n_with_skill > 0
ORDER BY d.share DESC, s.name
LIMIT $limit;
