-- What went wrong before this week's run: the previous week's run when boards failed or a board's
-- volume dropped, and every run since it that failed outright or never finished (the run journal is
-- their only record: they loaded nothing). No rows when all went well.
WITH this_run AS (
    SELECT started_at FROM run_log WHERE week = $week ORDER BY started_at DESC LIMIT 1
),
previous AS (
    SELECT r.run_id, r.week, r.started_at, r.n_failed_boards,
           (SELECT count(*) FROM check_volume_drop AS v WHERE v.week = r.week) AS n_volume_drops
    FROM run_log AS r
    WHERE r.week < $week AND r.mode <> 'backfill'
    ORDER BY r.week DESC, r.started_at DESC
    LIMIT 1
)
SELECT 'previous week' AS kind, run_id, week, started_at, 'degraded' AS status, n_failed_boards,
       n_volume_drops, NULL AS error
FROM previous
WHERE n_failed_boards > 0 OR n_volume_drops > 0
UNION ALL
SELECT 'since', j.run_id, j.week, j.started_at, j.status, j.n_failed_boards, j.n_volume_drops, j.error
FROM runs AS j, this_run AS t
WHERE j.status IN ('failed', 'unfinished') AND NOT j.loaded
  AND j.started_at < t.started_at
  AND j.started_at > coalesce((SELECT started_at FROM previous), '-infinity'::TIMESTAMPTZ)
ORDER BY started_at;
