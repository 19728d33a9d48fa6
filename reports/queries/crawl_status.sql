-- Every board crawled for this week's latest run, failures first.
SELECT c.source, c.board, c.status, c.n_items, c.error
FROM crawl_runs AS c
WHERE c.run_id = (SELECT run_id FROM run_log WHERE week = $week ORDER BY started_at DESC LIMIT 1)
ORDER BY c.status = 'ok', c.source, c.board;
