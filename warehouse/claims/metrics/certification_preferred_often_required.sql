-- Hit: the posting requires or prefers an MA credential (any of them, or "certified MA" with none named).
SELECT p.posting_id,
       EXISTS (SELECT 1 FROM posting_tags t JOIN ma_credentials m USING (code)
               WHERE t.posting_id = p.posting_id AND t.dimension = 'certification'
                 AND t.requirement IN ('required', 'preferred')) AS hit
FROM v_claim_population p
