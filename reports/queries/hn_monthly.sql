-- Monthly share of the given skills among Hacker News "Who is hiring?" ML-role postings, by thread
-- month (HN threads are monthly, so their trend is read by month, up to this week).
WITH hn AS (
    SELECT posting_id, content_hash, period_month FROM postings
    WHERE source = 'hn' AND is_ml_role AND period_month IS NOT NULL AND period_month <= $week
),
months AS (SELECT period_month, count(*) AS n_postings FROM hn GROUP BY period_month),
asks AS (
    SELECT DISTINCT hn.period_month, hn.posting_id, a.ancestor AS skill
    FROM hn
    JOIN posting_skills AS ps USING (posting_id)
    JOIN stg_skill_ancestors AS a ON a.skill = ps.skill
    WHERE list_contains($skills, a.ancestor)
)
SELECT m.period_month AS month, k.skill, s.name, count(a.posting_id) AS n_with_skill, m.n_postings,
       count(a.posting_id) / m.n_postings AS share
FROM months AS m
CROSS JOIN (SELECT unnest($skills) AS skill) AS k
JOIN skills AS s USING (skill)
LEFT JOIN asks AS a ON a.period_month = m.period_month AND a.skill = k.skill
GROUP BY m.period_month, k.skill, s.name, m.n_postings
ORDER BY month, s.name;
