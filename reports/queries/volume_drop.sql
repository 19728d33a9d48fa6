-- Boards whose volume fell sharply this week: more likely broken than emptied.
SELECT source, board, previous_n_items, n_items, problem
FROM check_volume_drop
WHERE week = $week
ORDER BY source, board;
