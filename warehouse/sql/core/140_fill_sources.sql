-- Fill sources: per spider, its crawl runs and raw vs unique postings.
DELETE FROM sources;
INSERT INTO sources
WITH runs AS (
    SELECT spider AS source, count(*) AS runs, min(started_at) AS first_crawl_at, max(started_at) AS last_crawl_at,
           arg_max(finish_reason, started_at) AS last_finish_reason
    FROM crawl_runs GROUP BY spider
),
counts AS (
    SELECT source, count(DISTINCT board) AS boards, count(*) AS postings_raw,
           count(*) FILTER (is_canonical) AS postings_unique, count(*) FILTER (active) AS postings_active
    FROM postings GROUP BY source
)
SELECT coalesce(r.source, c.source), r.runs, r.first_crawl_at, r.last_crawl_at, r.last_finish_reason,
       c.boards, coalesce(c.postings_raw, 0), coalesce(c.postings_unique, 0), coalesce(c.postings_active, 0),
       c.postings_raw / nullif(c.postings_unique, 0)
FROM runs r FULL JOIN counts c USING (source);
