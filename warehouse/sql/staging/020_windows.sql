-- stg_windows: when each posting was first and last seen, and when a complete crawl of its board
-- first no longer listed it (removed_at).
CREATE OR REPLACE TABLE stg_windows AS
WITH seen AS (
    SELECT posting_id, any_value(source) AS source, arg_max(board, fetched_at) AS board,
           min(fetched_at) AS first_seen, max(fetched_at) AS last_seen
    FROM posting_sightings GROUP BY posting_id
),
complete_crawls AS (
    SELECT b.source, b.board, coalesce(r.started_at, r.finished_at) AS crawled_at
    FROM run_boards b JOIN crawl_runs r USING (run_id)
    WHERE b.complete AND r.finish_reason = 'finished'
),
removals AS (
    SELECT s.posting_id, min(c.crawled_at) AS removed_at
    FROM seen s JOIN complete_crawls c ON c.source = s.source AND c.board = s.board AND c.crawled_at > s.last_seen
    GROUP BY s.posting_id
)
SELECT s.posting_id, s.first_seen, s.last_seen, r.removed_at
FROM seen s LEFT JOIN removals r USING (posting_id);
