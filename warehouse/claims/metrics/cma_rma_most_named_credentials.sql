-- Every MA credential each posting names (at any requirement level).
SELECT DISTINCT t.posting_id, t.code
FROM v_claim_population p JOIN posting_tags t USING (posting_id) JOIN ma_credentials m USING (code)
WHERE t.dimension = 'certification' AND t.code <> 'MA_ANY'
