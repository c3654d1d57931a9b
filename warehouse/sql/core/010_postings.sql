-- postings: one row per unique posting (source + source_id), with its history window.
-- postings, pay and duplicate_groups are refilled whole by every build from stg_current (one row per
-- posting), so posting_id is unique by construction; tests/warehouse/test_keys.py pins it. They carry
-- no PRIMARY KEY index: with one, deleting and re-inserting a million keys (what a rebuild does)
-- took 41 s instead of 0.35 s (docs/performance.md, "Warehouse").
CREATE TABLE IF NOT EXISTS postings (
    posting_id            VARCHAR NOT NULL,      -- '<source>:<source_id>'
    source                VARCHAR NOT NULL,
    source_id             VARCHAR NOT NULL,
    board                 VARCHAR,
    employer              VARCHAR,
    title                 VARCHAR,
    title_normalized      VARCHAR,
    url                   VARCHAR,
    location              VARCHAR,
    city                  VARCHAR,
    state                 VARCHAR,               -- 2-letter USPS code
    postal_code           VARCHAR,
    remote                BOOLEAN,
    posted_at             TIMESTAMP,
    updated_at            TIMESTAMP,
    first_seen            TIMESTAMP NOT NULL,
    last_seen             TIMESTAMP NOT NULL,
    removed_at            TIMESTAMP,             -- first crawl of its board that no longer listed it
    active                BOOLEAN NOT NULL,
    is_ma                 BOOLEAN NOT NULL,
    seniority             VARCHAR,               -- the level the posting states; NULL when it states none
    track                 VARCHAR,
    specialty             VARCHAR,
    employment_type       VARCHAR,
    description_text      VARCHAR USING COMPRESSION zstd,
    experience_years_min  DOUBLE,
    experience_band       VARCHAR,               -- 0-2 | 3-5 | 6+ from experience_years_min
    experience_requirement VARCHAR,
    education             VARCHAR,
    bilingual             BOOLEAN,
    pay_min               DOUBLE,
    pay_max               DOUBLE,
    pay_period            VARCHAR,
    pay_currency          VARCHAR,
    pay_hourly_min        DOUBLE,
    pay_hourly_max        DOUBLE,
    pay_source            VARCHAR,               -- structured | text
    duplicate_group_id    VARCHAR,
    is_canonical          BOOLEAN NOT NULL DEFAULT TRUE,
    tagger_version        VARCHAR,
    synthetic             BOOLEAN NOT NULL DEFAULT FALSE,
    content_hash          VARCHAR,               -- the version shown (postings_raw key with posting_id)
    text_hash             VARCHAR,               -- normalised-text fingerprint (exact dedup key)
    version_run_id        VARCHAR,               -- run that first fetched the version shown
    description_missing   BOOLEAN NOT NULL DEFAULT FALSE  -- collected without its description (titles, geography only)
);
ALTER TABLE postings ADD COLUMN IF NOT EXISTS description_missing BOOLEAN DEFAULT FALSE;  -- (older warehouses)
