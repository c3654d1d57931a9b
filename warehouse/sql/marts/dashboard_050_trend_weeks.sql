-- dashboard_trend_weeks: per week, unique MA postings first seen and removed, by filter dimensions;
-- postings active in a week are the running sum of the two.
CREATE OR REPLACE TABLE dashboard_trend_weeks AS
WITH events AS (
    SELECT first_seen_week AS week, state, source, specialty, seniority, 1 AS first_seen, 0 AS removed
    FROM dashboard_posting_facts
    UNION ALL
    SELECT removed_week, state, source, specialty, seniority, 0, 1
    FROM dashboard_posting_facts WHERE removed_week IS NOT NULL
)
SELECT week, state, source, specialty, seniority,
       sum(first_seen) AS first_seen, sum(removed) AS removed
FROM events
GROUP BY ALL
ORDER BY week;
