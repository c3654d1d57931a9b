-- Group a: requires or prefers an MA credential; group b: names none. Value: hourly midpoint.
SELECT * FROM (
    SELECT p.posting_id,
           CASE WHEN EXISTS (SELECT 1 FROM posting_tags t JOIN ma_credentials m USING (code)
                             WHERE t.posting_id = p.posting_id AND t.dimension = 'certification'
                               AND t.requirement IN ('required', 'preferred')) THEN 'a'
                WHEN NOT EXISTS (SELECT 1 FROM posting_tags t JOIN ma_credentials m USING (code)
                                 WHERE t.posting_id = p.posting_id AND t.dimension = 'certification') THEN 'b'
           END AS grp,
           y.hourly_mid AS value
    FROM v_claim_population p JOIN pay y USING (posting_id)
) WHERE grp IS NOT NULL
