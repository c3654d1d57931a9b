-- dashboard_skill_pairs: how often two skills are named in the same posting, by specialty and
-- seniority (the other filters are not applied to co-occurrence, to keep it small).
CREATE OR REPLACE TABLE dashboard_skill_pairs AS
WITH skills AS (
    SELECT DISTINCT t.posting_id, t.code, f.specialty, f.seniority
    FROM posting_tags t JOIN dashboard_posting_facts f USING (posting_id)
    WHERE t.dimension = 'skill'
)
SELECT a.specialty, a.seniority, a.code AS code_a, b.code AS code_b, count(*) AS postings
FROM skills a JOIN skills b ON a.posting_id = b.posting_id AND a.code < b.code
GROUP BY ALL;
