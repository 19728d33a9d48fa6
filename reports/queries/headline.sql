-- Headline numbers for one week ($week = its Monday).
SELECT
    count(*)                                             AS postings,
    count(*) FILTER (WHERE is_ml_role)                   AS ml_postings,
    count(DISTINCT company)                              AS companies,
    count(DISTINCT source)                               AS sources,
    count(DISTINCT source || '/' || board)               AS boards,
    count(*) FILTER (WHERE posting_id NOT IN (
        SELECT posting_id FROM sightings WHERE week < $week)) AS new_this_week
FROM sightings
WHERE week = $week;
