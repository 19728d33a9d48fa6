-- The guides' points (claims from one sentence or list) and their verdicts this week: the headline counts.
SELECT p.doc, g.label AS guide, p.point_id, p.n_claims, p.verdict
FROM claim_points_weekly AS p
LEFT JOIN guides AS g USING (doc)
WHERE p.week = $week
ORDER BY p.doc, p.point_id;
