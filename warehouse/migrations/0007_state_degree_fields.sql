-- Two posting facets. state: the US state a posting's location names (two-letter USPS code; NULL
-- unless country = 'US' and a state is named), normalised from location_raw like country. Sightings
-- stored before this migration hold NULL until a load fills them (warehouse.load.fill_states).
ALTER TABLE sightings ADD COLUMN state VARCHAR;
-- degree_fields: the fields a degree requirement names (cs, math, statistics, physics, engineering,
-- data-science, quantitative); an empty list when none. Rows extracted before this migration hold
-- NULL and do not count as extracted, so the next load reads those versions again (warehouse.load).
ALTER TABLE posting_facets ADD COLUMN degree_fields VARCHAR[];
