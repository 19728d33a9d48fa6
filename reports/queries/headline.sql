-- Headline numbers for one week ($week = its Monday). Jobs are postings deduplicated across sources.
SELECT
    count(*)                                             AS postings,
    count(DISTINCT j.canonical_id)                       AS jobs,
    count(DISTINCT j.canonical_id) FILTER (WHERE s.is_ml_role) AS ml_jobs,
    count(DISTINCT s.company)                            AS companies,
    count(DISTINCT s.source)                             AS sources,
    count(*) FILTER (WHERE s.posting_id NOT IN (
        SELECT posting_id FROM sightings WHERE week < $week)) AS new_this_week
FROM sightings AS s
JOIN stg_posting_jobs AS j USING (posting_id)
WHERE s.week = $week;
