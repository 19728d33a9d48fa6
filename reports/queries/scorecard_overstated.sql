-- Claims that call a skill essential or important which this week's postings do not support.
SELECT s.doc, g.label AS guide, s.claim_id, s.stance, s.subjects, s.expected, s.observed, s.ci_low, s.ci_high, s.n, s.quote
FROM claim_scorecard_weekly AS s JOIN guides AS g USING (doc)
WHERE s.week = $week AND s.stance IN ('essential', 'important') AND s.verdict = 'not supported'
ORDER BY s.observed, s.doc;
