-- Group a: the guide's specialties; group b: every other posting with pay. Value: hourly midpoint.
SELECT p.posting_id,
       CASE WHEN p.specialty IN ('ophthalmology', 'podiatry', 'cardiology', 'dermatology', 'orthopedics', 'obgyn')
            THEN 'a' ELSE 'b' END AS grp,
       y.hourly_mid AS value
FROM v_claim_population p JOIN pay y USING (posting_id)
