-- Population (titles: postings collected without a description count too): postings above entry level (mid, senior, lead, supervisor). Hit: a guide mid-career title.
SELECT posting_id,
       regexp_matches(lower(coalesce(title_normalized, title)),
                      '(senior medical assistant|lead medical assistant|medical assistant team lead|clinical coordinator|medical assistant supervisor|\blead ma\b|\bsenior ma\b)') AS hit
FROM v_title_population
WHERE seniority IN ('mid', 'senior', 'lead', 'supervisor')
