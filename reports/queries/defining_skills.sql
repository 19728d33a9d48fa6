-- Skills that define the population: nearly every ML-role job names them, so they are shown apart
-- from the ranking rather than as its top.
SELECT s.name, d.share, d.n_with_skill, d.n_postings
FROM skill_demand_weekly AS d
JOIN skills AS s USING (skill)
WHERE d.week = $week AND coalesce(s.defines_population, false)
ORDER BY d.share DESC, s.name;
