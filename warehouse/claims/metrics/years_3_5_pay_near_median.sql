-- Population: postings asking 3-5 years of experience (the guide's "Years 3-5 (Mid-Career)"), with pay.
-- Value: each posting's hourly midpoint; reference: the BLS national hourly median the guide quotes.
SELECT p.posting_id, y.hourly_mid AS value,
       (SELECT value FROM bls_reference WHERE area_code = 'US' AND measure = 'hourly_median'
        ORDER BY origin = 'guide' DESC LIMIT 1) AS reference
FROM v_claim_population p JOIN pay y USING (posting_id)
WHERE p.experience_band = '3-5'
