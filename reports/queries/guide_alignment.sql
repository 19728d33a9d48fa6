-- The guides ranked by how well their emphasis matches this week's demand (warehouse/models/25_claims.sql).
SELECT a.alignment_rank, a.doc, g.label AS guide, a.title, a.spearman_rho,
       a.n_skills, a.n_supported, a.n_partly_supported, a.n_not_supported, a.n_not_tested
FROM guide_alignment_weekly AS a
JOIN guides AS g USING (doc)
WHERE a.week = $week
ORDER BY a.alignment_rank;
