-- The guides ranked by how well their emphasis matches this week's demand (warehouse/models/25_claims.sql).
SELECT alignment_rank, doc, left(doc, 3) || ' · ' || coalesce(nullif(site, ''), title) AS guide, title, spearman_rho,
       n_skills, n_supported, n_partly_supported, n_not_supported, n_not_tested
FROM guide_alignment_weekly
WHERE week = $week
ORDER BY alignment_rank;
