-- Where guides disagree on the same subjects, and which side this week's postings support.
SELECT subjects, kind, claim_a, stance_a, verdict_a, claim_b, stance_b, verdict_b, observed, n, postings_support
FROM claim_contradictions_weekly
WHERE week = $week
ORDER BY kind, subjects, claim_a, claim_b;
