-- The guides' claims next to this week's observed share of each subject skill.
SELECT c.claim_id, c.doc, c.guide_title, c.stance, c.quote, c.test, c.subjects,
       list(struct_pack(skill := d.skill, share := d.share, n := d.n_with_skill) ORDER BY d.skill) AS observed,
       max(d.n_postings) AS n_postings
FROM claims AS c
LEFT JOIN skill_demand_weekly AS d ON d.week = $week AND list_contains(c.subjects, d.skill)
GROUP BY ALL
ORDER BY c.doc, c.claim_id;
