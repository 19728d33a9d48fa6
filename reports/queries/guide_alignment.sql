-- The guides ranked by how well their emphasis matches this week's demand (warehouse/models/25_claims.sql),
-- with their points' verdicts.
SELECT a.alignment_rank, a.doc, g.label AS guide, a.title, a.spearman_rho, a.n_skills, a.n_points,
       a.n_supported, a.n_partly_supported, a.n_contradicted, a.n_rarely_asked_for, a.n_rarely_stated, a.n_not_tested
FROM guide_alignment_weekly AS a
JOIN guides AS g USING (doc)
WHERE a.week = $week
ORDER BY a.alignment_rank;
