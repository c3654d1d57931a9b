-- Group a: above entry level; group b: entry level. Hit: names medical coding or prior authorization.
SELECT p.posting_id, CASE WHEN p.seniority = 'entry' THEN 'b' ELSE 'a' END AS grp,
       EXISTS (SELECT 1 FROM posting_tags t WHERE t.posting_id = p.posting_id AND t.dimension = 'skill'
               AND t.code IN ('medical_coding', 'prior_authorization')) AS hit
FROM v_claim_population p
WHERE p.seniority IS NOT NULL
