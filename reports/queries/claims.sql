-- Every claim with its verdict on this week's jobs (warehouse/models/25_claims.sql).
SELECT s.claim_id, s.point_id, s.doc, g.label AS guide, g.title AS guide_title,
       s.stance, s.quote, s.test, s.verdict, s.observed, s.expected, s.n, s.ci_low, s.ci_high, s.segment,
       s.explanation, s.test_kind, s.subjects, s.weeks_pooled, s.n_employers, s.design_effect,
       s.weighted_observed, s.weighted_verdict, s.verdict_flips, s.p_value, s.q_value, s.could_be_chance
FROM claim_scorecard_weekly AS s
LEFT JOIN guides AS g USING (doc)
WHERE s.week = $week
ORDER BY s.doc, s.claim_id;
