-- postings_raw: every distinct fetched version of every posting, with the source's raw payload.
-- A version is (posting_id, content_hash); fetching the same content again adds a sighting, not a version.
-- (posting_id, content_hash) is unique: warehouse/ingest.py inserts only versions the table lacks, once
-- each (pinned by tests/warehouse/test_keys.py). There is no PRIMARY KEY index: inserting a million
-- keys took 2.3 s with it and 0.4 s without (docs/performance.md, "Warehouse").
-- The long text columns are stored ZSTD-compressed: at 100k postings DuckDB's default string
-- compression cost 5.4 CPU-seconds to write them, ZSTD 3.0.
CREATE TABLE IF NOT EXISTS postings_raw (
    posting_id        VARCHAR NOT NULL,   -- '<source>:<source_id>'
    content_hash      VARCHAR NOT NULL,   -- md5 of the item's content fields (not fetched_at / run_id)
    source            VARCHAR NOT NULL,
    source_id         VARCHAR NOT NULL,
    run_id            VARCHAR NOT NULL,   -- first run that fetched this version
    fetched_at        TIMESTAMP NOT NULL, -- first fetch of this version
    board             VARCHAR,
    url               VARCHAR,
    title             VARCHAR,
    employer          VARCHAR,
    location          VARCHAR,
    city              VARCHAR,
    state             VARCHAR,
    postal_code       VARCHAR,
    remote            BOOLEAN,
    posted_at         TIMESTAMP,
    updated_at        TIMESTAMP,
    employment_type   VARCHAR,
    description_html  VARCHAR USING COMPRESSION zstd,
    description_text  VARCHAR USING COMPRESSION zstd,
    text_hash         VARCHAR,            -- pipeline.fingerprint.text_hash(title + location + text)
    pay               JSON,               -- employer-stated structured pay, as landed
    tags              JSON USING COMPRESSION zstd,  -- pipeline.tag() output (replaced by `ma-demand retag`)
    tagger_version    VARCHAR,
    raw               JSON USING COMPRESSION zstd,  -- the source's payload
    synthetic         BOOLEAN NOT NULL,
    landing_file      VARCHAR
);
-- A listing kept without its description (the careeronestop spider, when the detail call gives none):
-- it counts for titles and geography, not for claims read from the text. Older warehouses gain the column.
ALTER TABLE postings_raw ADD COLUMN IF NOT EXISTS description_missing BOOLEAN;

-- posting_sightings: one row per posting per run that fetched it (drives first_seen / last_seen / removed_at).
-- (posting_id, run_id) is unique: a load replaces the sightings of the runs it merges (warehouse/ingest.py).
CREATE TABLE IF NOT EXISTS posting_sightings (
    posting_id    VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    board         VARCHAR,
    content_hash  VARCHAR NOT NULL,
    fetched_at    TIMESTAMP NOT NULL
);

-- quarantine: records the crawler set aside, with the reason, kept for inspection.
CREATE TABLE IF NOT EXISTS quarantine (
    run_id        VARCHAR,
    reason        VARCHAR,
    record        JSON,
    landing_file  VARCHAR
);

-- text_signatures: MinHash signature per distinct normalised text (pipeline.fingerprint.minhash),
-- landed by the crawler or computed once by warehouse/dedup.py. One row per text_hash.
CREATE TABLE IF NOT EXISTS text_signatures (
    text_hash  VARCHAR NOT NULL,
    minhash    UINTEGER[64] NOT NULL
);
-- Signatures of the earlier datasketch scheme cannot be compared with these; they are recomputed.
DROP TABLE IF EXISTS text_fingerprints;
