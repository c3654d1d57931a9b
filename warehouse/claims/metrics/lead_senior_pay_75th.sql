-- Population: senior, lead and supervisor postings with pay. Hit: annualised midpoint at or above the BLS 75th percentile.
SELECT p.posting_id,
       y.annual_mid >= (SELECT value FROM bls_reference WHERE area_code = 'US' AND measure = 'annual_p75' AND origin = 'guide') AS hit
FROM v_claim_population p JOIN pay y USING (posting_id)
WHERE p.seniority IN ('senior', 'lead', 'supervisor')
