-- Hit: the posting requires BLS or CPR (required, or required within N months).
SELECT p.posting_id,
       EXISTS (SELECT 1 FROM posting_tags t WHERE t.posting_id = p.posting_id AND t.dimension = 'certification'
               AND t.code IN ('BLS', 'CPR') AND t.requirement = 'required') AS hit
FROM v_claim_population p
