-- Skills by share of this week's ML-role jobs, with a 95 % Wilson interval, split into jobs that
-- require the skill and jobs that only prefer it (named only in nice-to-have text). Skills that define
-- the population (artificial intelligence, machine learning) are shown apart (defining_skills.sql).
SELECT d.skill, s.name, s.category, d.n_with_skill, d.n_required, d.n_with_skill - d.n_required AS n_preferred_only,
       d.n_postings, d.share, d.n_required / d.n_postings AS share_required,
       (d.n_with_skill - d.n_required) / d.n_postings AS share_preferred_only,
       wilson_low(d.n_with_skill, d.n_postings) AS ci_low, wilson_high(d.n_with_skill, d.n_postings) AS ci_high
FROM skill_demand_weekly AS d
JOIN skills AS s USING (skill)
WHERE d.week = $week AND d.n_with_skill > 0 AND NOT coalesce(s.defines_population, false)
ORDER BY d.share DESC, s.name
LIMIT $limit;
