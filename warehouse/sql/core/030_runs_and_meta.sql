-- crawl_runs: one row per crawl run, with its health; warehouse_meta: facts about this build.
CREATE TABLE IF NOT EXISTS crawl_runs (
    run_id        VARCHAR PRIMARY KEY,
    spider        VARCHAR NOT NULL,
    started_at    TIMESTAMP,
    finished_at   TIMESTAMP,
    finish_reason VARCHAR,
    items         BIGINT,
    skipped       BIGINT,
    quarantined   BIGINT,
    errors        BIGINT,
    health        JSON,               -- Spidermon results and per-board counts
    landing_file  VARCHAR,
    boards        BIGINT,             -- boards the run visited
    boards_complete BIGINT,           -- boards it listed completely (used for removed_at)
    passed        BOOLEAN,            -- every Spidermon monitor passed and the run finished
    synthetic     BOOLEAN
);

CREATE TABLE IF NOT EXISTS warehouse_meta (
    key   VARCHAR PRIMARY KEY,         -- synthetic | load_id | built_at | tagger_version
    value VARCHAR
);
