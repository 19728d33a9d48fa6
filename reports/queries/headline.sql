-- Headline numbers for one week ($week = its Monday), against the week before it. Jobs are
-- postings deduplicated across sources (jobs_weekly); "new" jobs were not seen in any earlier week,
-- "closed" jobs were seen the week before and not this week.
WITH this AS (SELECT * FROM jobs_weekly WHERE week = $week),
previous AS (
    SELECT * FROM jobs_weekly WHERE week = (SELECT max(week) FROM jobs_weekly WHERE week < $week)
),
earlier AS (SELECT DISTINCT canonical_id FROM jobs_weekly WHERE week < $week)
SELECT
    (SELECT count(*) FROM sightings WHERE week = $week)                       AS postings,
    (SELECT count(*) FROM this)                                                AS jobs,
    (SELECT count(*) FROM this WHERE is_ml_role)                               AS ml_jobs,
    (SELECT count(DISTINCT company) FROM this)                                 AS companies,
    (SELECT count(DISTINCT company) FROM this WHERE is_ml_role)                AS ml_companies,
    (SELECT count(DISTINCT source) FROM sightings WHERE week = $week)         AS sources,
    (SELECT count(*) FROM this WHERE canonical_id NOT IN (SELECT canonical_id FROM earlier)) AS new_jobs,
    (SELECT count(*) FROM previous WHERE canonical_id NOT IN (SELECT canonical_id FROM this)) AS closed_jobs,
    (SELECT any_value(week) FROM previous)                                     AS previous_week,
    (SELECT count(*) FROM previous WHERE is_ml_role)                           AS previous_ml_jobs,
    (SELECT min(p.posted_at) FROM this JOIN postings AS p USING (posting_id)) AS first_posted,
    (SELECT max(p.posted_at) FROM this JOIN postings AS p USING (posting_id)) AS last_posted,
    (SELECT min(run_date) FROM sightings WHERE week = $week)                  AS first_crawled,
    (SELECT max(run_date) FROM sightings WHERE week = $week)                  AS last_crawled;
