-- Population (titles: postings collected without a description count too): postings stating an entry level (seniority is NULL where none is stated). Hit: the normalised title is one of the guide's entry titles.
SELECT posting_id,
       regexp_matches(lower(coalesce(title_normalized, title)),
                      '^\s*(certified |clinical |back office )?medical assistant\s*$') AS hit
FROM v_title_population
WHERE seniority = 'entry'
