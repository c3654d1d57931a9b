-- Hit: the annualised midpoint lies between the BLS 10th and 90th percentiles.
SELECT p.posting_id,
       y.annual_mid BETWEEN (SELECT value FROM bls_reference WHERE area_code = 'US' AND measure = 'annual_p10' AND origin = 'guide')
                        AND (SELECT value FROM bls_reference WHERE area_code = 'US' AND measure = 'annual_p90' AND origin = 'guide') AS hit
FROM v_claim_population p JOIN pay y USING (posting_id)
