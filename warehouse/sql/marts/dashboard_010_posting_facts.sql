-- dashboard_posting_facts: one row per unique MA posting with the few columns the dashboard
-- groups and filters by (posting month, state, source, specialty, seniority), its hourly pay
-- midpoint and the strongest requirement level among its MA credentials. The dashboard's cubes
-- below are built from it; it is dropped again at the end (dashboard_090_cleanup.sql). Postings
-- collected without a description are left out (their shares would count them as naming nothing);
-- the coverage views and the postings explorer still count them.
CREATE OR REPLACE TABLE dashboard_posting_facts AS
WITH credential_level AS (
    SELECT t.posting_id,
           CASE max(CASE t.requirement WHEN 'required' THEN 3 WHEN 'preferred' THEN 2 ELSE 1 END)
               WHEN 3 THEN 'required' WHEN 2 THEN 'preferred' ELSE 'mentioned' END AS ma_cert
    FROM posting_tags t
    WHERE t.dimension = 'certification'
      AND t.code IN (SELECT code FROM ma_credentials)
    GROUP BY t.posting_id
)
SELECT p.posting_id,
       CAST(date_trunc('month', coalesce(p.posted_at, p.first_seen)) AS DATE) AS month,
       CAST(date_trunc('week', p.first_seen) AS DATE) AS first_seen_week,
       CAST(date_trunc('week', p.removed_at) AS DATE) AS removed_week,
       coalesce(p.state, '(unknown)') AS state,
       p.source,
       coalesce(p.specialty, '(none)') AS specialty,
       coalesce(p.seniority, '(not stated)') AS seniority,
       coalesce(p.experience_band, '(not stated)') AS experience_band,
       coalesce(c.ma_cert, 'none') AS ma_cert,
       p.active,
       p.title_normalized,
       CASE WHEN coalesce(p.pay_hourly_min, p.pay_hourly_max) IS NOT NULL
            THEN (coalesce(p.pay_hourly_min, p.pay_hourly_max) + coalesce(p.pay_hourly_max, p.pay_hourly_min)) / 2
       END AS hourly_mid
FROM postings p
LEFT JOIN credential_level c USING (posting_id)
WHERE p.is_ma AND p.is_canonical AND NOT p.description_missing;
