-- Claims that call a skill non-negotiable, essential or important which this week's postings contradict
-- or rarely ask for (a tacit foundation that postings rarely state is not overstated).
SELECT s.doc, g.label AS guide, s.claim_id, s.stance, s.verdict, s.subjects, s.expected, s.observed, s.ci_low, s.ci_high,
       s.n, s.quote, s.could_be_chance
FROM claim_scorecard_weekly AS s JOIN guides AS g USING (doc)
WHERE s.week = $week AND s.stance IN ('non-negotiable', 'essential', 'important')
  AND s.verdict IN ('contradicted', 'rarely asked for')
ORDER BY s.observed, s.doc, s.claim_id;
