-- dashboard_pay_histogram: postings stating pay, by hourly pay midpoint in 50-cent buckets and the
-- filter dimensions (and the experience band the career-ladder page groups by), so pay percentiles for any filter come from a small table.
CREATE OR REPLACE TABLE dashboard_pay_histogram AS
SELECT month, state, source, specialty, seniority, experience_band, ma_cert,
       floor(hourly_mid * 2) / 2 AS bucket,
       count(*) AS postings
FROM dashboard_posting_facts
WHERE hourly_mid IS NOT NULL AND hourly_mid BETWEEN 5 AND 200
GROUP BY ALL
ORDER BY state, month, bucket;
