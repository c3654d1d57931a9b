-- Hit: the posting names at least one core clinical skill.
SELECT p.posting_id,
       EXISTS (SELECT 1 FROM posting_tags t WHERE t.posting_id = p.posting_id AND t.dimension = 'skill'
               AND t.code IN ('vital_signs', 'phlebotomy', 'injections', 'ekg', 'specimen_collection')) AS hit
FROM v_claim_population p
