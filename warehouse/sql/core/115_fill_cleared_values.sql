-- Fill cleared_values from the latest versions; 120_fill_postings.sql leaves these fields empty.
DELETE FROM cleared_values;
INSERT INTO cleared_values
SELECT posting_id, 'state', state, 'not a state code of pipeline/states.toml'
FROM stg_current WHERE state IS NOT NULL AND state NOT IN (SELECT code FROM us_states)
UNION ALL
SELECT posting_id, 'specialty', t.specialty, 'not a specialty id of pipeline/vocabulary/specialties.toml'
FROM stg_current WHERE t.specialty IS NOT NULL AND t.specialty NOT IN (SELECT code FROM specialties);
