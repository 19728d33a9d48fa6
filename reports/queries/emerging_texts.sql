-- The text of every job of this week and of the week before, joined per company (a company's own
-- boilerplate then counts once): `period` is 'current' or 'previous' for ML-role jobs,
-- 'background' for this week's other jobs (what ordinary postings say anyway).
WITH texts AS (
    SELECT CASE WHEN NOT j.is_ml_role THEN 'background' WHEN j.week = $week THEN 'current' ELSE 'previous' END AS period,
           coalesce(lower(j.company), j.canonical_id) AS company,
           coalesce(c.title, '') || chr(10) || coalesce(c.description_text, '') AS text
    FROM jobs_weekly AS j
    JOIN posting_content AS c USING (content_hash)
    WHERE j.week = $week OR (j.is_ml_role AND j.week = (SELECT max(week) FROM jobs_weekly WHERE week < $week))
)
SELECT period, company, string_agg(text, chr(10) ORDER BY text) AS text
FROM texts
GROUP BY period, company;
