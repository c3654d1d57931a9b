-- Population: postings asking 0-2 years of experience (the guide's "Years 0-2 (Entry Level)"), with pay.
-- Hit: the annualised midpoint is below the BLS median.
SELECT p.posting_id,
       y.annual_mid < (SELECT value FROM bls_reference WHERE area_code = 'US' AND measure = 'annual_median' AND origin = 'guide') AS hit
FROM v_claim_population p JOIN pay y USING (posting_id)
WHERE p.experience_band = '0-2'
