-- Population: postings stating an entry level (seniority is NULL where none is stated) that state an education level. Hit: an MA program (postsecondary certificate).
SELECT posting_id, education = 'ma_program' AS hit
FROM v_claim_population
WHERE seniority = 'entry' AND education IS NOT NULL
