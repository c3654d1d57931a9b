-- Every EHR system each posting names.
SELECT DISTINCT t.posting_id, t.code
FROM v_claim_population p JOIN posting_tags t USING (posting_id)
WHERE t.dimension = 'ehr'
