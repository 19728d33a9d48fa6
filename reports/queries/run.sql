SELECT run_id, run_date, mode, dataset, started_at FROM run_log WHERE week = $week ORDER BY started_at DESC LIMIT 1;
