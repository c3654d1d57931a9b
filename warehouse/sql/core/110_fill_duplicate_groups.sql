-- Fill duplicate_groups: postings with the same normalised text (title, location, description) form an
-- exact group; stg_text_groups (written by warehouse/dedup.py from MinHash LSH) joins near-identical texts.
DELETE FROM duplicate_groups;
INSERT INTO duplicate_groups
WITH grouped AS (
    SELECT c.posting_id, coalesce(g.group_hash, c.text_hash, c.posting_id) AS group_key,
           g.group_hash IS NOT NULL AS near, w.first_seen
    FROM stg_current c
    JOIN stg_windows w USING (posting_id)
    LEFT JOIN stg_text_groups g USING (text_hash)
),
sized AS (
    SELECT *, count(*) OVER (PARTITION BY group_key) AS group_size,
           count(DISTINCT near) OVER (PARTITION BY group_key) AS kinds,
           row_number() OVER (PARTITION BY group_key ORDER BY first_seen, posting_id) AS rank
    FROM grouped
)
SELECT 'dg:' || md5(group_key)[:16], posting_id,
       CASE WHEN group_size = 1 THEN 'single' WHEN near OR bool_or(near) OVER (PARTITION BY group_key) THEN 'near' ELSE 'exact' END,
       rank = 1, group_size
FROM sized;
