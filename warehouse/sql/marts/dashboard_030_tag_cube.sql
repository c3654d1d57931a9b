-- dashboard_tag_cube: postings naming each certification, EHR system, skill or language, by the
-- dashboard's filter dimensions and by requirement level (`timed`: with a "within N months" window).
CREATE OR REPLACE TABLE dashboard_tag_cube AS
SELECT f.month, f.state, f.source, f.specialty, f.seniority,
       t.dimension, t.code, coalesce(t.category, '') AS category,
       coalesce(t.requirement, 'mentioned') AS requirement,
       t.within_months IS NOT NULL AS timed,
       count(*) AS postings   -- posting_tags holds one row per posting x dimension x code
FROM posting_tags t
JOIN dashboard_posting_facts f USING (posting_id)
GROUP BY ALL
ORDER BY t.dimension, f.state, t.code;
