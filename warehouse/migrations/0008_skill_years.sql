-- Years of experience a posting requires for one skill ("3+ years of Python" gives python 3): the
-- largest required minimum stated on the lines naming the skill (flows.skills.facets.skill_years);
-- NULL when none is stated. Rows extracted before this migration hold NULL too: they are read again
-- when the taxonomy version changes, like every extraction.
ALTER TABLE skill_mentions ADD COLUMN years INTEGER;
