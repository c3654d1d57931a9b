-- dashboard_posting_cube: unique MA postings counted by the dashboard's filter dimensions
-- (posting month, state, source, specialty, seniority) and MA-credential level, with pay sums
-- for means and their intervals. Every page's counts come from here, never from a full scan.
CREATE OR REPLACE TABLE dashboard_posting_cube AS
SELECT month, state, source, specialty, seniority, ma_cert,
       count(*) AS postings,
       count(*) FILTER (WHERE active) AS active,
       count(hourly_mid) AS with_pay,
       sum(hourly_mid) AS pay_sum,
       sum(hourly_mid * hourly_mid) AS pay_sumsq
FROM dashboard_posting_facts
GROUP BY ALL
ORDER BY state, month;
