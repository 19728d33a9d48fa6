-- Postings and jobs per source this week.
SELECT s.source, count(*) AS postings, count(DISTINCT j.canonical_id) AS jobs,
       count(*) FILTER (WHERE s.is_ml_role) AS ml_postings
FROM sightings AS s
JOIN stg_posting_jobs AS j USING (posting_id)
WHERE s.week = $week
GROUP BY s.source
ORDER BY postings DESC;
