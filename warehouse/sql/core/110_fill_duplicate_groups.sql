-- Fill duplicate_groups: postings with the same normalised text (title, location, description) form an
-- exact group; stg_text_groups (written by warehouse/dedup.py from MinHash LSH) joins near-identical texts.
-- The canonical posting of a group is its earliest seen (then smallest posting_id).
DELETE FROM duplicate_groups;
INSERT INTO duplicate_groups
WITH grouped AS (
    SELECT c.posting_id, coalesce(g.group_hash, c.text_hash, c.posting_id) AS group_key,
           g.group_hash IS NOT NULL AS near, w.first_seen
    FROM stg_current c
    JOIN stg_windows w USING (posting_id)
    LEFT JOIN stg_text_groups g USING (text_hash)
),
groups AS (
    SELECT group_key, count(*) AS group_size, bool_or(near) AS near,
           arg_min(posting_id, (first_seen, posting_id)) AS canonical
    FROM grouped GROUP BY group_key
)
SELECT 'dg:' || md5(p.group_key)[:16], p.posting_id,
       CASE WHEN g.group_size = 1 THEN 'single' WHEN g.near THEN 'near' ELSE 'exact' END,
       p.posting_id = g.canonical, g.group_size
FROM grouped p JOIN groups g USING (group_key);
