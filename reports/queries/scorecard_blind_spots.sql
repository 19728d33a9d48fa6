-- The 20 most demanded skills of the week that each guide never names.
SELECT b.doc, g.label AS guide, b.skill, b.name, b.share, b.demand_rank
FROM guide_blind_spots_weekly AS b
JOIN guides AS g USING (doc)
WHERE b.week = $week
ORDER BY b.doc, b.demand_rank;
