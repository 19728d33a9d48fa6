-- Data checks: each view returns the offending rows; empty means healthy.

-- A board that returned postings in its previous crawl and now returns none, or under half as many,
-- is more likely broken than emptied.
CREATE OR REPLACE VIEW check_volume_drop AS
WITH per_run AS (
    SELECT c.week, c.source, c.board, max(c.n_items) AS n_items, bool_or(c.status = 'ok') AS ok
    FROM crawl_log AS c
    GROUP BY c.week, c.source, c.board
),
paired AS (
    SELECT *, lag(n_items) OVER (PARTITION BY source, board ORDER BY week) AS previous_n_items
    FROM per_run
)
SELECT week, source, board, previous_n_items, n_items,
       CASE WHEN NOT ok THEN 'crawl failed' WHEN n_items = 0 THEN 'dropped to zero' ELSE 'dropped by more than half' END AS problem
FROM paired
WHERE previous_n_items >= 5 AND (NOT ok OR n_items < previous_n_items / 2);

CREATE OR REPLACE VIEW check_duplicate_postings AS
SELECT posting_id, count(*) AS n FROM postings GROUP BY posting_id HAVING count(*) > 1;

CREATE OR REPLACE VIEW check_null_keys AS
SELECT * FROM sightings WHERE posting_id IS NULL OR title IS NULL OR content_hash IS NULL;
