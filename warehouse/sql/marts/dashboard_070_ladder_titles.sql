-- dashboard_ladder_titles: the normalised titles of unique MA postings per seniority level,
-- with how many state pay and their mean hourly pay.
CREATE OR REPLACE TABLE dashboard_ladder_titles AS
SELECT seniority, coalesce(title_normalized, '(untitled)') AS title, count(*) AS postings,
       count(hourly_mid) AS with_pay, avg(hourly_mid) AS pay_mean
FROM dashboard_posting_facts
GROUP BY ALL;
